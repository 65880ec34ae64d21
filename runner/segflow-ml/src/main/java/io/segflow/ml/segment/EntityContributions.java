package io.segflow.ml.segment;

import io.segflow.ml.propensity.PropensityModel;
import io.segflow.ml.propensity.TribuoRows;
import io.segflow.ml.sqlgen.LinearModel;
import io.segflow.ml.sqlgen.SqlFeatures;
import io.segflow.ml.sqlgen.TribuoLinearModels;
import io.segflow.ml.sqlgen.XGBoostContributions;
import io.segflow.spi.WarehouseAdapter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-entity feature contributions written into the membership explanation, computed in the warehouse with the
 * score. For logistic regression the contribution of feature j is w_j * z_j: its share of the log-odds relative to
 * an entity at the training mean, so the contributions plus the intercept add up to the score's log-odds. For
 * XGBoost they are Saabas path attributions ({@link XGBoostContributions}), which add up with a bias likewise.
 */
final class EntityContributions {
    /** Features written per entity; the ones with the largest |coefficient| when a model has more. */
    static final int MAX_FEATURES = 10;

    private EntityContributions() {
    }

    /** Feature name -> SQL expression of its log-odds contribution, largest |coefficient| first. */
    static Map<String, String> logistic(PropensityModel model, List<String> columnExpressions) {
        List<String> names = model.featureNames();
        LinearModel lm = TribuoLinearModels.binaryLogistic((org.tribuo.classification.sgd.linear.LinearSGDModel)
                model.tribuoModel(), TribuoRows.POSITIVE, names);
        double[] w = lm.weights();
        SqlFeatures features = new SqlFeatures(columnExpressions, model.standardizer());
        Integer[] order = new Integer[names.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -Math.abs(w[j])).thenComparing(j -> j));
        Map<String, String> out = new LinkedHashMap<>();
        for (int r = 0; r < Math.min(MAX_FEATURES, order.length); r++) {
            int j = order[r];
            out.put(names.get(j), "(" + SqlFeatures.literal(w[j]) + " * " + features.scaled(j) + ")");
        }
        return out;
    }

    /** Feature name -> SQL expression of its Saabas contribution to the log-odds, largest total gain first. */
    @SuppressWarnings("unchecked")
    static Map<String, String> xgboost(PropensityModel model, List<String> columnExpressions) {
        return XGBoostContributions.of((org.tribuo.common.xgboost.XGBoostModel<org.tribuo.classification.Label>)
                        model.tribuoModel(), TribuoRows.POSITIVE, new SqlFeatures(columnExpressions, model.standardizer()),
                MAX_FEATURES).byFeature();
    }

    /** The per-entity contributions of a propensity model's algorithm. */
    static Map<String, String> of(PropensityModel model, List<String> columnExpressions) {
        return switch (model.algorithm()) {
            case LOGISTIC -> logistic(model, columnExpressions);
            case XGBOOST -> xgboost(model, columnExpressions);
        };
    }

    /** A JSON object text {"name": value, ...} over numeric SQL expressions (NULL becomes null). */
    static String jsonObject(WarehouseAdapter adapter, Map<String, String> numeric) {
        StringBuilder sb = new StringBuilder();
        String sep = "{";
        for (Map.Entry<String, String> e : numeric.entrySet()) {
            sb.append(sb.isEmpty() ? "" : " || ").append(ScoringSql.literal(adapter, sep + "\"" + e.getKey() + "\":"))
                    .append(" || COALESCE(").append(ScoringSql.toText(adapter, e.getValue())).append(", 'null')");
            sep = ",";
        }
        return sb.append(" || '}'").toString();
    }
}
