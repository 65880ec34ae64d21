package io.segflow.ml.sqlgen;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.regression.Regressor;

/**
 * Compiles a Tribuo XGBoost tree ensemble (gbtree) to SQL: the margin is {@code base_score + sum of trees}, each tree
 * a nested {@code CASE}; binary classification applies the logistic function, regression returns the margin.
 *
 * <p>Exactness: XGBoost rounds each input to float32 and goes left when {@code float(x) < threshold}. Instead of a
 * float cast (Snowflake and BigQuery have no 32-bit float) the threshold t is turned into the double midpoint m
 * between t and the next float below it: {@code float(x) < t} holds exactly when {@code x < m}, or {@code x <= m}
 * when round-half-even sends the midpoint itself down. m is printed in exponent notation so warehouses parse it as
 * a double, exactly. NULL follows the node's default ("missing") direction. Leaf sums are accumulated in double,
 * XGBoost uses float32, so results agree to about 1e-7 relative.
 */
public final class XGBoostSql {
    /** One tree's nodes; hessian (cover) and gain come from the model's stats and feed the contributions. */
    record Tree(int[] left, int[] right, int[] feature, float[] condition, boolean[] defaultLeft, int group,
                float[] hessian, float[] gain) {
        boolean leaf(int i) {
            return left[i] < 0;
        }
    }

    final List<Tree> trees;
    final double baseScore;
    final String objective;
    final int groups;
    final List<String> featureNames; // by XGBoost feature index (= Tribuo feature id)

    private XGBoostSql(List<Tree> trees, double baseScore, String objective, int groups, List<String> featureNames) {
        this.trees = trees;
        this.baseScore = baseScore;
        this.objective = objective;
        this.groups = groups;
        this.featureNames = featureNames;
    }

    /** Reads the trees of a single-booster Tribuo XGBoost model from the booster's JSON model. */
    public static XGBoostSql of(XGBoostModel<?> model) {
        List<Booster> boosters = model.getInnerModels();
        if (boosters.size() != 1) {
            throw new IllegalArgumentException("SQL compilation supports single-output XGBoost models, got "
                    + boosters.size() + " boosters");
        }
        ImmutableFeatureMap fmap = model.getFeatureIDMap();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fmap.size(); i++) {
            names.add(fmap.get(i).getName());
        }
        try {
            return parse(new String(boosters.get(0).toByteArray("json"), java.nio.charset.StandardCharsets.UTF_8),
                    names);
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot read XGBoost model JSON", e);
        }
    }

    static XGBoostSql parse(String json, List<String> featureNames) {
        JsonNode root;
        try {
            // keep the printed decimals: floats are re-parsed with Float.parseFloat, not via double
            root = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("bad XGBoost model JSON", e);
        }
        JsonNode learner = root.path("learner");
        JsonNode booster = learner.path("gradient_booster");
        if (!"gbtree".equals(booster.path("name").asText())) {
            throw new IllegalArgumentException("only gbtree boosters compile to SQL, got " + booster.path("name"));
        }
        String objective = learner.path("objective").path("name").asText();
        JsonNode params = learner.path("learner_model_param");
        double base = Float.parseFloat(params.path("base_score").asText());
        int numClass = Integer.parseInt(params.path("num_class").asText("0"));
        JsonNode model = booster.path("model");
        JsonNode info = model.path("tree_info");
        List<Tree> trees = new ArrayList<>();
        int t = 0;
        for (JsonNode tree : model.path("trees")) {
            JsonNode cats = tree.path("split_type");
            for (JsonNode c : cats) {
                if (c.asInt() != 0) {
                    throw new IllegalArgumentException("categorical splits do not compile to SQL");
                }
            }
            trees.add(new Tree(ints(tree.path("left_children")), ints(tree.path("right_children")),
                    ints(tree.path("split_indices")), floats(tree.path("split_conditions")),
                    bools(tree.path("default_left")), info.get(t++).asInt(), floats(tree.path("sum_hessian")),
                    floats(tree.path("loss_changes"))));
        }
        return new XGBoostSql(trees, base, objective, Math.max(1, numClass), featureNames);
    }

    /** P(positiveLabel) for a binary Tribuo XGBoost classifier. */
    public static String probability(XGBoostModel<Label> model, String positiveLabel, SqlFeatures features) {
        int pos = model.getOutputIDInfo().getID(new Label(positiveLabel));
        if (model.getOutputIDInfo().size() != 2 || pos < 0) {
            throw new IllegalArgumentException("expected a binary model with label " + positiveLabel);
        }
        XGBoostSql x = of(model);
        return switch (x.objective) {
            // Tribuo trains softprob over two classes: P(pos) = softmax = logistic(margin_pos - margin_neg)
            case "multi:softprob", "multi:softmax" -> logistic("(" + x.treeSum(features, pos) + " - "
                    + x.treeSum(features, 1 - pos) + ")");
            case "binary:logistic" -> {
                String margin = "(" + SqlFeatures.literal(Math.log(x.baseScore / (1 - x.baseScore))) + " + "
                        + x.treeSum(features, 0) + ")";
                yield logistic(pos == 1 ? margin : "(-" + margin + ")");
            }
            default -> throw new IllegalArgumentException("objective " + x.objective + " is not binary classification");
        };
    }

    /** The prediction of a single-output Tribuo XGBoost regression with squared error. */
    public static String regression(XGBoostModel<Regressor> model, SqlFeatures features) {
        XGBoostSql x = of(model);
        if (!x.objective.equals("reg:squarederror") && !x.objective.equals("reg:linear")) {
            throw new IllegalArgumentException("objective " + x.objective + " does not compile to SQL");
        }
        return "(" + SqlFeatures.literal(x.baseScore) + " + " + x.treeSum(features, 0) + ")";
    }

    /** Number of trees in the ensemble. */
    public int trees() {
        return trees.size();
    }

    private String treeSum(SqlFeatures features, int group) {
        List<String> terms = new ArrayList<>();
        for (Tree tree : trees) {
            if (groups == 1 || tree.group == group) {
                terms.add(node(tree, 0, features));
            }
        }
        return terms.isEmpty() ? "0.0" : "(" + String.join(" + ", terms) + ")";
    }

    private String node(Tree t, int i, SqlFeatures features) {
        if (t.left[i] < 0) {
            return exponentLiteral(t.condition[i]); // a leaf's value is stored in split_conditions
        }
        return split(t, i, features, node(t, t.left[i], features), node(t, t.right[i], features));
    }

    /** The CASE choosing {@code yes} (left child) or {@code no} (right child) at internal node i, NULL by default. */
    String split(Tree t, int i, SqlFeatures features, String yes, String no) {
        String x = column(features, t.feature[i]);
        Comparison c = comparison(t.condition[i]);
        // NULL makes the WHEN condition unknown, so it falls to ELSE: put the default-direction branch there
        if (t.defaultLeft[i]) {
            return "CASE WHEN " + x + (c.inclusive ? " > " : " >= ") + c.literal + " THEN " + no + " ELSE " + yes + " END";
        }
        return "CASE WHEN " + x + (c.inclusive ? " <= " : " < ") + c.literal + " THEN " + yes + " ELSE " + no + " END";
    }

    record Comparison(String literal, boolean inclusive) {
    }

    /** {@code float(x) < t} as a comparison of the double x with a double bound; see the class comment. */
    static Comparison comparison(float t) {
        if (Float.isInfinite(t) || Float.isNaN(t)) {
            throw new IllegalArgumentException("non-finite split threshold " + t);
        }
        float below = Math.nextDown(t);
        double mid = ((double) below + (double) t) / 2;
        boolean tieGoesDown = (Float.floatToRawIntBits(below) & 1) == 0; // round half to even
        return new Comparison(exponentLiteral(mid), tieGoesDown);
    }

    /** A double literal in exponent notation (parsed as a double, not a decimal) that round-trips exactly. */
    static String exponentLiteral(double v) {
        java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros();
        String s = d.unscaledValue().toString() + "E" + (-d.scale());
        return v < 0 ? "(" + s + ")" : s;
    }

    private String column(SqlFeatures features, int index) {
        String name = featureNames.get(index);
        int j = features.standardizer().featureNames().indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("model feature " + name + " has no SQL expression");
        }
        return features.scaled(j);
    }

    private static String logistic(String z) {
        return "(1.0 / (1.0 + EXP(-" + z + ")))";
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static float[] floats(JsonNode a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.parseFloat(a.get(i).decimalValue().toString());
        }
        return out;
    }

    private static boolean[] bools(JsonNode a) {
        boolean[] out = new boolean[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt() != 0;
        }
        return out;
    }
}
