package io.segflow.ml.segment;

import io.segflow.ml.pull.ColumnStats;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.sqlgen.SqlFeatures;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.sql.SqlFlavor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Target-dialect SQL for scoring a registered model over the input relation: feature expressions that treat NULL
 * and NaN exactly as the training pull did (same imputation value), and the membership SELECT.
 */
final class ScoringSql {
    private ScoringSql() {
    }

    /** Imputation values of a pull, one per feature (null = NULLs are not replaced), for the registry. */
    static List<Object> fills(FeatureMatrix m) {
        List<Object> out = new ArrayList<>();
        for (ColumnStats s : m.stats()) out.add(Double.isNaN(s.imputedWith()) ? null : s.imputedWith());
        while (out.size() < m.columns()) out.add(null);
        return out;
    }

    /** One SQL expression per feature: the column as DOUBLE, NaN as NULL, NULL replaced by the training fill. */
    static List<String> featureExpressions(WarehouseAdapter adapter, List<String> features, List<?> fills) {
        SqlFlavor d = adapter.flavor();
        List<String> out = new ArrayList<>();
        for (int j = 0; j < features.size(); j++) {
            String col = d.nanToNull(d.toDouble(adapter.quote(features.get(j))));
            Object fill = fills == null || j >= fills.size() ? null : fills.get(j);
            out.add(fill instanceof Number n ? "COALESCE(" + col + ", " + SqlFeatures.literal(n.doubleValue()) + ")" : col);
        }
        return out;
    }

    static String toText(WarehouseAdapter adapter, String expr) {
        return "CAST(" + expr + " AS " + adapter.flavor().stringType() + ")";
    }

    /** A string literal escaped for the target. */
    static String literal(WarehouseAdapter adapter, String s) {
        return adapter.flavor().stringLiteral(s);
    }

    /** {"model":"name","version":n,...} with numeric SQL expressions spliced in (NULL becomes null). */
    static String explanation(WarehouseAdapter adapter, String model, int version, Map<String, String> numeric,
                              Map<String, String> text) {
        StringBuilder sb = new StringBuilder(literal(adapter, "{\"model\":\"" + model + "\",\"version\":" + version));
        text.forEach((k, v) -> sb.append(" || ").append(literal(adapter, ",\"" + k + "\":\"")).append(" || ").append(v)
                .append(" || '\"'"));
        numeric.forEach((k, v) -> sb.append(" || ").append(literal(adapter, ",\"" + k + "\":")).append(" || COALESCE(")
                .append(toText(adapter, v)).append(", 'null')"));
        return sb.append(" || '}'").toString();
    }

    /** The input relation filtered by the definition's {@code where}, as a FROM item. */
    static String population(WarehouseAdapter adapter, ModelDefinition def) {
        String rel = adapter.render(def.input().relation());
        return def.where() == null ? rel + " __t" : "(SELECT * FROM " + rel + " WHERE " + def.where() + ") __t";
    }

    /** As {@link #population} but as a relation text FeaturePull / PullScorePush accept. */
    static String populationRelation(WarehouseAdapter adapter, ModelDefinition def) {
        String rel = adapter.render(def.input().relation());
        return def.where() == null ? rel : "SELECT * FROM " + rel + " WHERE " + def.where();
    }
}
