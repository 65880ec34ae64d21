package io.segflow.ml.eval;

import java.util.Arrays;
import java.util.Random;

/** Internal clustering quality indices on Euclidean distance. Labels are 0..k-1; negative labels (noise) are ignored. */
public final class ClusterQuality {
    private ClusterQuality() {
    }

    /**
     * Mean silhouette coefficient over a random sample of at most {@code sampleSize} rows (seeded), distances taken
     * to every row of the data. A point alone in its cluster scores 0. Returns NaN with fewer than two clusters.
     */
    public static double silhouette(double[][] data, int[] labels, int sampleSize, long seed) {
        int k = Arrays.stream(labels).max().orElse(-1) + 1;
        int[] sizes = new int[Math.max(k, 0)];
        for (int l : labels) {
            if (l >= 0) {
                sizes[l]++;
            }
        }
        if (Arrays.stream(sizes).filter(s -> s > 0).count() < 2) {
            return Double.NaN;
        }
        int[] sample = sampleIndices(labels, sampleSize, seed);
        double total = 0;
        for (int i : sample) {
            double[] sums = new double[k];
            for (int j = 0; j < data.length; j++) {
                if (labels[j] >= 0 && j != i) {
                    sums[labels[j]] += Math.sqrt(squared(data[i], data[j]));
                }
            }
            int own = labels[i];
            if (sizes[own] <= 1) {
                continue;
            }
            double a = sums[own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    b = Math.min(b, sums[c] / sizes[c]);
                }
            }
            total += (b - a) / Math.max(a, b);
        }
        return total / sample.length;
    }

    /** Davies-Bouldin index (lower is better): mean over clusters of the worst (s_i + s_j) / d(c_i, c_j). */
    public static double daviesBouldin(double[][] data, int[] labels) {
        int k = Arrays.stream(labels).max().orElse(-1) + 1;
        int d = data[0].length;
        double[][] centroids = new double[k][d];
        int[] sizes = new int[k];
        for (int i = 0; i < data.length; i++) {
            if (labels[i] < 0) {
                continue;
            }
            sizes[labels[i]]++;
            for (int j = 0; j < d; j++) {
                centroids[labels[i]][j] += data[i][j];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centroids[c][j] /= Math.max(sizes[c], 1);
            }
        }
        double[] scatter = new double[k];
        for (int i = 0; i < data.length; i++) {
            if (labels[i] >= 0) {
                scatter[labels[i]] += Math.sqrt(squared(data[i], centroids[labels[i]]));
            }
        }
        int used = 0;
        double sum = 0;
        for (int c = 0; c < k; c++) {
            if (sizes[c] == 0) {
                continue;
            }
            scatter[c] /= sizes[c];
        }
        for (int c = 0; c < k; c++) {
            if (sizes[c] == 0) {
                continue;
            }
            double worst = 0;
            for (int o = 0; o < k; o++) {
                if (o != c && sizes[o] > 0) {
                    worst = Math.max(worst, (scatter[c] + scatter[o]) / Math.sqrt(squared(centroids[c], centroids[o])));
                }
            }
            sum += worst;
            used++;
        }
        return used < 2 ? Double.NaN : sum / used;
    }

    private static int[] sampleIndices(int[] labels, int sampleSize, long seed) {
        int[] eligible = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] >= 0).toArray();
        if (eligible.length <= sampleSize) {
            return eligible;
        }
        Random random = new Random(seed);
        for (int i = 0; i < sampleSize; i++) { // partial Fisher-Yates
            int j = i + random.nextInt(eligible.length - i);
            int t = eligible[i];
            eligible[i] = eligible[j];
            eligible[j] = t;
        }
        return Arrays.copyOf(eligible, sampleSize);
    }

    static double squared(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            s += diff * diff;
        }
        return s;
    }
}
