package io.segflow.ml.explain;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The model card of a clustering, stored in the registry's params: global importance as the share-weighted mean
 * |z| of the centroids (how far the clusters sit from the overall mean on each feature, in standard deviations)
 * and permutation importance as the share of evaluation rows that change cluster when a feature is shuffled.
 */
public final class ClusterCard {
    static final int REPEATS = 3;

    private ClusterCard() {
    }

    /**
     * @param centroidZ centroids as z-scores against the sample, [cluster][feature]
     * @param shares    share of the sample in each cluster
     * @param evalRows  evaluation rows in original units (null skips permutation importance)
     * @param assign    rows (original units) -> cluster index, as the scoring does
     */
    public static Map<String, Object> of(List<String> names, double[][] centroidZ, double[] shares, double[][] evalRows,
                                         Function<double[][], int[]> assign, long seed) {
        double[] weighted = new double[names.size()];
        for (int c = 0; c < centroidZ.length; c++) {
            for (int j = 0; j < names.size(); j++) weighted[j] += shares[c] * Math.abs(centroidZ[c][j]);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("importance", PropensityCard.importance("centroid_z",
                "share-weighted mean |z| of the centroids (standard deviations from the overall mean)", names, weighted));
        if (evalRows != null && evalRows.length > 0) {
            int[] base = assign.apply(evalRows);
            Map<String, Double> perm = PermutationImportance.compute(names, evalRows,
                    rows -> agreement(base, assign.apply(rows)), REPEATS, seed);
            out.put("permutation_importance", PermutationImportance.entry("share of rows keeping their cluster",
                    evalRows.length, REPEATS, perm));
        }
        return out;
    }

    static double agreement(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) same += a[i] == b[i] ? 1 : 0;
        return a.length == 0 ? 1 : (double) same / a.length;
    }

    /** The first {@code n} rows (the pull is already a seeded random sample). */
    public static double[][] head(double[][] rows, int n) {
        return Arrays.copyOf(rows, Math.min(n, rows.length));
    }
}
