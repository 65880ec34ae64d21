package io.segflow.ml.segment;

import io.segflow.ml.cluster.Standardizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Describes clusters by their centroids: the centroid in original units, the features that distinguish it most
 * (largest |z| of the centroid against the whole sample) and a short label built from their sanitised names, e.g.
 * {@code high_total_revenue_low_days_since_last_order} ({@code Annual Income (k$)} becomes {@code annual_income_k}):
 * labels become segment names and SQL literals, so they keep to lower-case letters, digits and underscores. Labels
 * are unique within one model.
 */
public final class ClusterProfiles {
    /** |z| below this is "typical" and not named in a label. */
    static final double NOTABLE = 0.5;

    /** One cluster: id, share of the sample, centroid (original units), top features (name -> z) and label. */
    public record Profile(int id, double share, Map<String, Double> centroid, Map<String, Double> distinguishing,
                          String label, Map<String, Double> z) {
    }

    private ClusterProfiles() {
    }

    /**
     * @param centroids   centroids in original units, row i = cluster id {@code ids[i]}
     * @param sampleStats means and stds of the whole sample (for z-scores)
     * @param sizes       training rows per cluster (same order as centroids)
     */
    public static List<Profile> describe(int[] ids, double[][] centroids, Standardizer sampleStats, long[] sizes) {
        List<String> names = sampleStats.featureNames();
        long total = java.util.Arrays.stream(sizes).sum();
        List<Profile> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int c = 0; c < centroids.length; c++) {
            double[] z = sampleStats.transform(centroids[c]);
            Map<String, Double> centroid = new LinkedHashMap<>();
            Map<String, Double> zs = new LinkedHashMap<>();
            for (int j = 0; j < names.size(); j++) {
                centroid.put(names.get(j), centroids[c][j]);
                zs.put(names.get(j), z[j]);
            }
            int[] order = IntStream.range(0, z.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(z[j])).thenComparing(j -> j))
                    .mapToInt(Integer::intValue).toArray();
            Map<String, Double> top = new LinkedHashMap<>();
            List<String> parts = new ArrayList<>();
            for (int r = 0; r < Math.min(3, order.length); r++) {
                int j = order[r];
                top.put(names.get(j), z[j]);
                if (parts.size() < 2 && Math.abs(z[j]) >= NOTABLE) parts.add((z[j] > 0 ? "high_" : "low_") + sanitise(names.get(j)));
            }
            String label = parts.isEmpty() ? "typical" : String.join("_", parts);
            if (!used.add(label)) {
                label = label + "_" + ids[c];
                used.add(label);
            }
            out.add(new Profile(ids[c], total == 0 ? 0 : (double) sizes[c] / total, centroid, top, label, zs));
        }
        return out;
    }

    /** Lower case, every run of other characters as one underscore: {@code Spending Score (1-100)} -> spending_score_1_100. */
    static String sanitise(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "feature" : s;
    }

    /** The profiles as plain maps for the registry's JSON. */
    static List<Map<String, Object>> toParams(List<Profile> profiles) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Profile p : profiles) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("label", p.label());
            m.put("share", p.share());
            m.put("centroid", p.centroid());
            m.put("distinguishing_z", p.distinguishing());
            m.put("centroid_z", p.z());
            out.add(m);
        }
        return out;
    }
}
