package io.segflow.ml.cluster;

import java.util.Random;

/** k-means++ seeding followed by Lloyd iterations; used to initialise EM. */
public final class KMeansPlusPlus {
    private KMeansPlusPlus() {
    }

    /** k-means++ seeds (Arthur &amp; Vassilvitskii 2007): each next centre drawn with probability ~ D(x)^2. */
    public static double[][] seeds(double[][] data, int k, Random random) {
        int n = data.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "], got " + k);
        }
        double[][] centres = new double[k][];
        centres[0] = data[random.nextInt(n)].clone();
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            d2[i] = squaredDistance(data[i], centres[0]);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double v : d2) {
                total += v;
            }
            int chosen = n - 1;
            if (total > 0) {
                double target = random.nextDouble() * total;
                double running = 0;
                for (int i = 0; i < n; i++) {
                    running += d2[i];
                    if (running >= target && d2[i] > 0) {
                        chosen = i;
                        break;
                    }
                }
            } else {
                chosen = random.nextInt(n);
            }
            centres[c] = data[chosen].clone();
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], squaredDistance(data[i], centres[c]));
            }
        }
        return centres;
    }

    /** Hard labels after k-means++ seeding and up to {@code maxIterations} Lloyd steps. */
    public static int[] cluster(double[][] data, int k, Random random, int maxIterations) {
        double[][] centres = seeds(data, k, random);
        int[] labels = new int[data.length];
        for (int iter = 0; iter < maxIterations; iter++) {
            boolean changed = assign(data, centres, labels) || iter == 0;
            centres = means(data, labels, centres);
            if (!changed) {
                break;
            }
        }
        assign(data, centres, labels);
        return labels;
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return s;
    }

    private static boolean assign(double[][] data, double[][] centres, int[] labels) {
        boolean changed = false;
        for (int i = 0; i < data.length; i++) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centres.length; c++) {
                double d = squaredDistance(data[i], centres[c]);
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            changed |= labels[i] != best;
            labels[i] = best;
        }
        return changed;
    }

    private static double[][] means(double[][] data, int[] labels, double[][] previous) {
        int k = previous.length;
        int d = data[0].length;
        double[][] sums = new double[k][d];
        int[] counts = new int[k];
        for (int i = 0; i < data.length; i++) {
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) {
                sums[labels[i]][j] += data[i][j];
            }
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                sums[c] = previous[c].clone(); // keep an empty cluster's centre where it was
                continue;
            }
            for (int j = 0; j < d; j++) {
                sums[c][j] /= counts[c];
            }
        }
        return sums;
    }
}
