package io.segflow.ml.sqlgen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * Saabas path attributions of a binary XGBoost classifier, as SQL: each node's expected value is the cover-weighted
 * mean of its leaves (cover = sum_hessian from the model's stats); along an entity's path every split credits the
 * change in expected value to the split's feature. Per tree the credits add up to leaf - E(root), so
 * {@code bias + sum of all contributions} is the margin (log-odds of the positive label) exactly.
 *
 * <p>Each feature's expression is a sum over the trees that split on it of a CASE that only branches where a split
 * on that feature lies below; trees and subtrees without one contribute a constant and are folded away. That keeps
 * the SQL within a few times the score's own and gives a feature the trees never split on no contribution at all.
 *
 * @param bias            the margin of an entity with no contributions: signed sum of root expected values plus
 *                        the base score's log-odds (binary:logistic only; it cancels in two-class softprob)
 * @param byFeature       feature name -> SQL expression of its contribution to the log-odds, largest total gain first
 * @param featuresSplitOn how many features the trees split on (byFeature may hold fewer, see {@link #of})
 */
public record XGBoostContributions(double bias, Map<String, String> byFeature, int featuresSplitOn) {

    /** Contributions to the log-odds of {@code positiveLabel}; at most maxFeatures, the ones of largest total gain. */
    public static XGBoostContributions of(XGBoostModel<Label> model, String positiveLabel, SqlFeatures features,
                                          int maxFeatures) {
        int pos = model.getOutputIDInfo().getID(new Label(positiveLabel));
        if (model.getOutputIDInfo().size() != 2 || pos < 0) {
            throw new IllegalArgumentException("expected a binary model with label " + positiveLabel);
        }
        XGBoostSql x = XGBoostSql.of(model);
        double[] sign = new double[x.trees.size()];
        double bias;
        switch (x.objective) {
            case "multi:softprob", "multi:softmax" -> {
                // P(pos) = logistic(margin_pos - margin_neg): the negative class's trees count with a minus sign
                for (int t = 0; t < sign.length; t++) sign[t] = x.trees.get(t).group() == pos ? 1 : -1;
                bias = 0;
            }
            case "binary:logistic" -> {
                java.util.Arrays.fill(sign, pos == 1 ? 1 : -1);
                bias = (pos == 1 ? 1 : -1) * Math.log(x.baseScore / (1 - x.baseScore));
            }
            default -> throw new IllegalArgumentException("objective " + x.objective + " is not binary classification");
        }
        int n = x.featureNames.size();
        double[] gain = new double[n];
        boolean[] used = new boolean[n];
        List<double[]> expected = new ArrayList<>();
        for (int t = 0; t < sign.length; t++) {
            XGBoostSql.Tree tree = x.trees.get(t);
            double[] e = new double[tree.left().length];
            expectedValue(tree, 0, e);
            expected.add(e);
            bias += sign[t] * e[0];
            for (int i = 0; i < e.length; i++) {
                if (!tree.leaf(i)) {
                    gain[tree.feature()[i]] += tree.gain()[i];
                    used[tree.feature()[i]] = true;
                }
            }
        }
        List<Integer> ranked = new ArrayList<>();
        for (int f = 0; f < n; f++) if (used[f]) ranked.add(f);
        ranked.sort(Comparator.comparingDouble((Integer f) -> -gain[f]).thenComparing(f -> f));
        Map<String, String> out = new LinkedHashMap<>();
        for (int f : ranked.subList(0, Math.min(maxFeatures, ranked.size()))) {
            List<String> terms = new ArrayList<>();
            for (int t = 0; t < sign.length; t++) {
                XGBoostSql.Tree tree = x.trees.get(t);
                if (splitsBelow(tree, 0, f)) {
                    terms.add(path(x, tree, 0, f, 0, sign[t], expected.get(t), features));
                }
            }
            out.put(x.featureNames.get(f), "(" + String.join(" + ", terms) + ")");
        }
        return new XGBoostContributions(bias, out, ranked.size());
    }

    /** Fills e with the cover-weighted mean leaf value of every node under i; returns e[i]. */
    private static double expectedValue(XGBoostSql.Tree t, int i, double[] e) {
        if (t.leaf(i)) {
            return e[i] = t.condition()[i];
        }
        int l = t.left()[i];
        int r = t.right()[i];
        double el = expectedValue(t, l, e);
        double er = expectedValue(t, r, e);
        double hl = t.hessian()[l];
        double hr = t.hessian()[r];
        return e[i] = hl + hr > 0 ? (hl * el + hr * er) / (hl + hr) : (el + er) / 2;
    }

    private static boolean splitsBelow(XGBoostSql.Tree t, int i, int feature) {
        return !t.leaf(i) && (t.feature()[i] == feature || splitsBelow(t, t.left()[i], feature)
                || splitsBelow(t, t.right()[i], feature));
    }

    /** The credits to feature f from node i down, plus acc (the credits above i); constant where f is not split. */
    private static String path(XGBoostSql x, XGBoostSql.Tree t, int i, int f, double acc, double sign, double[] e,
                               SqlFeatures features) {
        if (!splitsBelow(t, i, f)) {
            return XGBoostSql.exponentLiteral(sign * acc);
        }
        int l = t.left()[i];
        int r = t.right()[i];
        boolean own = t.feature()[i] == f;
        return x.split(t, i, features, path(x, t, l, f, acc + (own ? e[l] - e[i] : 0), sign, e, features),
                path(x, t, r, f, acc + (own ? e[r] - e[i] : 0), sign, e, features));
    }
}
