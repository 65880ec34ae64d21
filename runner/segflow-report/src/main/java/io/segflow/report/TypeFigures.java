package io.segflow.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Figures of one segmentation type read from the members: the RFM R x F grid and the CLV distribution. */
final class TypeFigures {
    static final int CLV_BINS = 20;

    private TypeFigures() {
    }

    /** Members and mean monetary value by R score (rows, highest first) and F score (columns). */
    static Map<String, Object> rfmGrid(List<Map.Entry<String, Map<String, Object>>> explanations) {
        int maxR = 0;
        int maxF = 0;
        for (Map.Entry<String, Map<String, Object>> e : explanations) {
            maxR = Math.max(maxR, intOf(e.getValue().get("r")));
            maxF = Math.max(maxF, intOf(e.getValue().get("f")));
        }
        if (maxR == 0 || maxF == 0) return null;
        long[][] count = new long[maxR][maxF];
        double[][] monetary = new double[maxR][maxF];
        for (Map.Entry<String, Map<String, Object>> e : explanations) {
            int r = intOf(e.getValue().get("r"));
            int f = intOf(e.getValue().get("f"));
            if (r < 1 || f < 1) continue;
            count[r - 1][f - 1]++;
            if (e.getValue().get("monetary") instanceof Number n) monetary[r - 1][f - 1] += n.doubleValue();
        }
        List<Integer> rLevels = new ArrayList<>();
        List<List<Long>> counts = new ArrayList<>();
        List<List<Double>> meanMonetary = new ArrayList<>();
        for (int r = maxR; r >= 1; r--) {
            rLevels.add(r);
            List<Long> cr = new ArrayList<>();
            List<Double> mr = new ArrayList<>();
            for (int f = 1; f <= maxF; f++) {
                long c = count[r - 1][f - 1];
                cr.add(c);
                mr.add(c == 0 ? null : monetary[r - 1][f - 1] / c);
            }
            counts.add(cr);
            meanMonetary.add(mr);
        }
        List<Integer> fLevels = new ArrayList<>();
        for (int f = 1; f <= maxF; f++) fLevels.add(f);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("r_scores", rLevels);
        m.put("f_scores", fLevels);
        m.put("members", counts);
        m.put("mean_monetary", meanMonetary);
        m.put("rows_read", explanations.size());
        return m;
    }

    /** The CLV histogram (bins up to the 99th percentile, the rest in the last bin) and mean P(alive) by group. */
    static Map<String, Object> ltv(WarehouseReads reads, List<String> order) {
        double[] clv = reads.scores();
        Map<String, Object> m = new LinkedHashMap<>();
        if (clv.length > 0) {
            double[] sorted = clv.clone();
            Arrays.sort(sorted);
            double lo = Math.min(0, sorted[0]);
            double hi = sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
            if (hi <= lo) hi = lo + 1;
            long[] counts = new long[CLV_BINS];
            for (double v : clv) counts[(int) Math.max(0, Math.min(CLV_BINS - 1, (v - lo) / (hi - lo) * CLV_BINS))]++;
            List<Double> edges = new ArrayList<>();
            for (int b = 0; b <= CLV_BINS; b++) edges.add(lo + (hi - lo) * b / CLV_BINS);
            m.put("clv_edges", edges);
            m.put("clv_counts", Arrays.stream(counts).boxed().toList());
            m.put("clv_median", sorted[sorted.length / 2]);
            m.put("clv_p99", hi);
        }
        Map<String, double[]> alive = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> e : reads.explanations()) {
            if (e.getValue().get("p_alive") instanceof Number n) {
                double[] a = alive.computeIfAbsent(e.getKey(), k -> new double[2]);
                a[0] += n.doubleValue();
                a[1]++;
            }
        }
        if (!alive.isEmpty()) {
            Map<String, Double> byGroup = new LinkedHashMap<>();
            for (String g : order) if (alive.containsKey(g)) byGroup.put(g, alive.get(g)[0] / alive.get(g)[1]);
            alive.forEach((g, a) -> byGroup.putIfAbsent(g, a[0] / a[1]));
            m.put("p_alive_by_group", byGroup);
        }
        return m;
    }

    private static int intOf(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }
}
