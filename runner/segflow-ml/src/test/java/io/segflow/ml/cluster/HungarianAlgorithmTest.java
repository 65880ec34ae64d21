package io.segflow.ml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianAlgorithmTest {

    @Test
    void solvesTextbookExample() {
        double[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        assertArrayEquals(new int[] {1, 0, 2}, HungarianAlgorithm.solve(cost));
    }

    @Test
    void matchesBruteForceOnRandomMatrices() {
        Random random = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(6);
            double[][] cost = new double[n][n];
            for (double[] row : cost) {
                for (int j = 0; j < n; j++) {
                    row[j] = random.nextInt(20) - 5;
                }
            }
            int[] a = HungarianAlgorithm.solve(cost);
            assertEquals(bruteForce(cost, new int[n], new boolean[n], 0), total(cost, a), 1e-9);
            assertEquals(n, java.util.Arrays.stream(a).distinct().count());
        }
    }

    static double total(double[][] cost, int[] a) {
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += cost[i][a[i]];
        }
        return t;
    }

    static double bruteForce(double[][] cost, int[] perm, boolean[] used, int row) {
        if (row == cost.length) {
            return total(cost, perm);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < cost.length; j++) {
            if (!used[j]) {
                used[j] = true;
                perm[row] = j;
                best = Math.min(best, bruteForce(cost, perm, used, row + 1));
                used[j] = false;
            }
        }
        return best;
    }
}
