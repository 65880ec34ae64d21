package io.segflow.report;

import io.segflow.report.svg.Charts;
import io.segflow.report.svg.Heatmap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The charts of a model card: importance bars, ROC, calibration, lift and the cluster profile heatmap. */
@SuppressWarnings("unchecked")
final class ModelCharts {
    private ModelCharts() {
    }

    static Map<String, String> of(Map<String, Object> model) {
        Map<String, String> c = new LinkedHashMap<>();
        importance(model.get("importance"), "importance", c);
        importance(model.get("permutation_importance"), "permutation_importance", c);
        if (model.get("roc") instanceof List<?> roc && roc.size() > 1) {
            List<double[]> pts = new ArrayList<>();
            for (Object p : roc) pts.add(pair(p));
            c.put("roc", Charts.unitCurve(pts, true, "false positive rate", "true positive rate", "ROC curve", null));
        }
        if (model.get("calibration") instanceof List<?> cal && !cal.isEmpty()) {
            List<double[]> pts = new ArrayList<>();
            List<String> tips = new ArrayList<>();
            for (Object o : cal) {
                Map<String, Object> b = (Map<String, Object>) o;
                pts.add(new double[] {num(b.get("mean_predicted")), num(b.get("observed_rate"))});
                tips.add(String.format(Locale.ROOT, "predicted %.2f, observed %.2f (%,d rows)", num(b.get("mean_predicted")),
                        num(b.get("observed_rate")), (long) num(b.get("count"))));
            }
            c.put("calibration", Charts.unitCurve(pts, true, "mean predicted probability", "observed rate",
                    "calibration", tips::get));
        }
        if (model.get("lift") instanceof List<?> lift && !lift.isEmpty()) {
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Object o : lift) {
                Map<String, Object> d = (Map<String, Object>) o;
                labels.add("D" + ((Number) d.get("decile")).intValue());
                values.add(num(d.get("lift")));
            }
            c.put("lift", Charts.columns(labels, values, 1.0, v -> String.format(Locale.ROOT, "%.1fx", v),
                    "lift by score decile"));
        }
        if (model.get("profiles") instanceof List<?> profiles && !profiles.isEmpty()) {
            c.put("cluster_profile", clusterHeatmap((List<Map<String, Object>>) profiles,
                    (List<String>) model.get("features")));
        }
        return c;
    }

    private static void importance(Object raw, String key, Map<String, String> c) {
        if (!(raw instanceof Map<?, ?> card) || !(card.get("values") instanceof Map<?, ?> values) || values.isEmpty()) {
            return;
        }
        boolean signed = "standardised_coefficient".equals(card.get("method"));
        List<String> names = new ArrayList<>();
        List<Double> abs = new ArrayList<>();
        values.forEach((k, v) -> {
            double d = ((Number) v).doubleValue();
            names.add(signed ? k + (d >= 0 ? " (+)" : " (−)") : String.valueOf(k));
            abs.add(signed ? Math.abs(d) : d);
        });
        c.put(key, Charts.bars(names, abs, names.stream().map(n -> false).toList(),
                v -> String.format(Locale.ROOT, "%.4f", v), key.replace('_', ' ')));
    }

    /** Rows: clusters (segment name), columns: features, cells: centroid z-score against the whole sample. */
    private static String clusterHeatmap(List<Map<String, Object>> profiles, List<String> features) {
        Double[][] z = new Double[profiles.size()][features.size()];
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            Map<String, Object> p = profiles.get(i);
            rows.add(String.valueOf(p.get("segment")));
            Map<String, Object> zs = (Map<String, Object>) p.get("z");
            for (int j = 0; j < features.size(); j++) {
                Object v = zs == null ? null : zs.get(features.get(j));
                z[i][j] = v instanceof Number n ? n.doubleValue() : null;
            }
        }
        return Heatmap.render(rows, features, z, v -> String.format(Locale.ROOT, "%+.1f", v), z, Heatmap.Scale.DIVERGING,
                2, "cluster", "feature (centroid z-score: standard deviations from the overall mean)",
                "cluster profiles");
    }

    private static double[] pair(Object p) {
        if (p instanceof List<?> l) return new double[] {num(l.get(0)), num(l.get(1))};
        double[] a = (double[]) p;
        return new double[] {a[0], a[1]};
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
