package io.segflow.ml.cluster;

import java.util.Arrays;

/** Minimum-cost perfect assignment on a square cost matrix (Kuhn-Munkres with potentials, O(n^3)). */
public final class HungarianAlgorithm {
    private HungarianAlgorithm() {
    }

    /** Returns {@code assignment} with row i assigned to column assignment[i], minimising the total cost. */
    public static int[] solve(double[][] cost) {
        int n = cost.length;
        for (double[] row : cost) {
            if (row.length != n) {
                throw new IllegalArgumentException("cost matrix must be square");
            }
        }
        // 1-based arrays; u/v are row/column potentials, p[j] the row matched to column j, way[] the augmenting path.
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] p = new int[n + 1];
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                int j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] assignment = new int[n];
        for (int j = 1; j <= n; j++) {
            assignment[p[j] - 1] = j - 1;
        }
        return assignment;
    }
}
