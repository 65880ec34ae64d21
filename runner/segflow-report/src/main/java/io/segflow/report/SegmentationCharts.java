package io.segflow.report;

import io.segflow.report.svg.Charts;
import io.segflow.report.svg.Heatmap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The SVG charts of one segmentation, drawn from its report data (the same maps written to report.json). */
@SuppressWarnings("unchecked")
final class SegmentationCharts {
    private SegmentationCharts() {
    }

    static Map<String, String> of(Map<String, Object> seg) {
        Map<String, String> c = new LinkedHashMap<>();
        List<Map<String, Object>> groups = (List<Map<String, Object>>) seg.get("groups");
        List<String> names = groups.stream().map(g -> (String) g.get("name")).toList();
        c.put("sizes", Charts.bars(names, groups.stream().map(g -> ((Number) g.get("size")).doubleValue()).toList(),
                groups.stream().map(g -> (Boolean) g.get("below_min_size")).toList(),
                v -> String.format(Locale.ROOT, "%,d (%.1f%%)", (long) v, 100 * v / Math.max(1, num(seg.get("population")))),
                "members per group"));
        history(seg, names, c);
        Map<String, Object> t = (Map<String, Object>) seg.get("transitions");
        if (t != null) {
            List<List<Long>> counts = (List<List<Long>>) t.get("counts");
            Double[][] values = new Double[counts.size()][];
            double max = 1;
            for (int r = 0; r < counts.size(); r++) {
                values[r] = counts.get(r).stream().map(x -> x == 0 ? null : x.doubleValue()).toArray(Double[]::new);
                for (Long x : counts.get(r)) max = Math.max(max, x);
            }
            c.put("transitions", Heatmap.render((List<String>) t.get("from"), (List<String>) t.get("to"), values,
                    v -> String.format(Locale.ROOT, "%,d", (long) v), values, Heatmap.Scale.SEQUENTIAL, max, "from",
                    "to", "transitions since the previous run"));
        }
        Map<String, Object> profile = (Map<String, Object>) seg.get("profile");
        if (profile != null) c.put("profile", profileHeatmap(profile));
        Map<String, Object> rfm = (Map<String, Object>) seg.get("rfm");
        if (rfm != null) c.put("rfm", rfmHeatmap(rfm));
        Map<String, Object> ltv = (Map<String, Object>) seg.get("ltv");
        if (ltv != null) ltvCharts(ltv, c);
        Map<String, Object> model = (Map<String, Object>) seg.get("model");
        if (model != null) c.putAll(ModelCharts.of(model));
        return c;
    }

    private static void history(Map<String, Object> seg, List<String> names, Map<String, String> c) {
        List<Map<String, Object>> runs = ((List<Map<String, Object>>) ((Map<String, Object>) seg.get("history"))
                .get("runs")).stream().filter(History::published).toList();
        if (runs.isEmpty()) return;
        List<String> x = runs.stream().map(r -> shortTime((String) r.get("started_at"))).toList();
        List<List<Double>> shares = new ArrayList<>();
        double population = Math.max(1, num(seg.get("population")));
        for (String g : names) {
            shares.add(runs.stream().map(r -> ((Map<String, Long>) r.get("sizes")).getOrDefault(g, 0L) / population)
                    .toList());
        }
        c.put("shares_over_time", Charts.lines(x, names, shares, v -> String.format(Locale.ROOT, "%.0f%%", v * 100),
                "share of the population per group over runs"));
        c.put("entered_exited", Charts.enteredExited(x, runs.stream().map(r -> ((Number) r.get("entered")).longValue())
                .toList(), runs.stream().map(r -> ((Number) r.get("exited")).longValue()).toList(),
                "entities entering and leaving per run"));
    }

    /** Group averages as the ratio to the mean over groups (weighted by size), coloured on a log scale. */
    private static String profileHeatmap(Map<String, Object> profile) {
        List<String> features = (List<String>) profile.get("features");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) profile.get("rows");
        double[] mean = new double[features.size()];
        double total = 0;
        for (Map<String, Object> r : rows) {
            double size = num(r.get("size"));
            total += size;
            List<Double> v = (List<Double>) r.get("values");
            for (int j = 0; j < mean.length; j++) if (v.get(j) != null) mean[j] += size * v.get(j);
        }
        for (int j = 0; j < mean.length; j++) mean[j] /= Math.max(1, total);
        Double[][] values = new Double[rows.size()][features.size()];
        Double[][] shade = new Double[rows.size()][features.size()];
        for (int i = 0; i < rows.size(); i++) {
            List<Double> v = (List<Double>) rows.get(i).get("values");
            for (int j = 0; j < features.size(); j++) {
                values[i][j] = v.get(j);
                shade[i][j] = v.get(j) == null || mean[j] <= 0 || v.get(j) <= 0 ? null
                        : Math.log(v.get(j) / mean[j]) / Math.log(2);
            }
        }
        return Heatmap.render(rows.stream().map(r -> (String) r.get("group")).toList(), features, shade,
                SegmentationCharts::compactNumber, values, Heatmap.Scale.DIVERGING, 2, "group", "feature (mean;"
                        + " colour: ratio to the overall mean, red above, blue below)", "group profiles");
    }

    private static String rfmHeatmap(Map<String, Object> rfm) {
        List<List<Long>> members = (List<List<Long>>) rfm.get("members");
        List<List<Double>> monetary = (List<List<Double>>) rfm.get("mean_monetary");
        Double[][] values = new Double[members.size()][];
        Double[][] shade = new Double[members.size()][];
        double max = 1;
        for (int r = 0; r < members.size(); r++) {
            values[r] = members.get(r).stream().map(x -> x == 0 ? null : x.doubleValue()).toArray(Double[]::new);
            shade[r] = monetary.get(r).toArray(Double[]::new);
            for (Double m : monetary.get(r)) if (m != null) max = Math.max(max, m);
        }
        return Heatmap.render(((List<Integer>) rfm.get("r_scores")).stream().map(r -> "R " + r).toList(),
                ((List<Integer>) rfm.get("f_scores")).stream().map(f -> "F " + f).toList(), shade,
                v -> String.format(Locale.ROOT, "%,d", (long) v), values, Heatmap.Scale.SEQUENTIAL, max,
                "recency score", "frequency score (cell: members; colour: mean monetary value)", "RFM grid");
    }

    private static void ltvCharts(Map<String, Object> ltv, Map<String, String> c) {
        if (ltv.get("clv_counts") != null) {
            List<Double> edges = (List<Double>) ltv.get("clv_edges");
            List<String> labels = new ArrayList<>();
            for (int b = 0; b + 1 < edges.size(); b++) labels.add(compactNumber(edges.get(b)));
            c.put("clv", Charts.columns(labels, ((List<Long>) ltv.get("clv_counts")).stream().map(Long::doubleValue)
                    .toList(), null, v -> String.format(Locale.ROOT, "%,d", (long) v), "CLV distribution"));
        }
        Map<String, Double> alive = (Map<String, Double>) ltv.get("p_alive_by_group");
        if (alive != null) {
            c.put("p_alive", Charts.bars(List.copyOf(alive.keySet()), List.copyOf(alive.values()),
                    alive.keySet().stream().map(k -> false).toList(), v -> String.format(Locale.ROOT, "%.2f", v),
                    "mean P(alive) per group"));
        }
    }

    static String compactNumber(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        if (a >= 1e4) return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** 2026-11-30 03:51:16.123 -> 11-30 03:51 */
    static String shortTime(String ts) {
        return ts != null && ts.length() >= 16 ? ts.substring(5, 16).replace('T', ' ') : String.valueOf(ts);
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
