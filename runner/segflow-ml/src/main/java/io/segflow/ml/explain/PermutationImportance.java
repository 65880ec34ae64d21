package io.segflow.ml.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Model-agnostic permutation importance (Breiman; Fisher, Rudin and Dominici): how much a quality metric drops when
 * one feature's column of the evaluation sample is shuffled, breaking its link to the outcome. A feature the model
 * never reads scores exactly 0, because shuffling it cannot change a single prediction.
 */
public final class PermutationImportance {
    private PermutationImportance() {
    }

    /**
     * @param names   feature names, one per column of {@code rows}
     * @param rows    the evaluation sample (not modified)
     * @param metric  quality of the model on a sample, higher is better (AUC, -RMSE, share of unchanged clusters)
     * @param repeats shuffles per feature; the drops are averaged
     * @return feature -> mean drop of the metric (baseline - shuffled), largest drop first
     */
    public static Map<String, Double> compute(List<String> names, double[][] rows, ToDoubleFunction<double[][]> metric,
                                              int repeats, long seed) {
        double baseline = metric.applyAsDouble(rows);
        Map<String, Double> out = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        double[][] work = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) work[i] = rows[i].clone();
        for (int j = 0; j < names.size(); j++) {
            double drop = 0;
            for (int r = 0; r < repeats; r++) {
                int[] perm = permutation(rows.length, random);
                for (int i = 0; i < rows.length; i++) work[i][j] = rows[perm[i]][j];
                drop += baseline - metric.applyAsDouble(work);
            }
            for (int i = 0; i < rows.length; i++) work[i][j] = rows[i][j];
            out.put(names.get(j), drop / repeats);
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        out.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The registry entry: what was measured, on how many rows, and the drops. */
    public static Map<String, Object> entry(String metric, int rows, int repeats, Map<String, Double> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", metric);
        m.put("rows", rows);
        m.put("repeats", repeats);
        m.put("values", values);
        return m;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }
}
