package io.segflow.ml.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClusterQualityTest {
    static final double[][] POINTS = {{0}, {1}, {10}, {12}};
    static final int[] LABELS = {0, 0, 1, 1};

    @Test
    void silhouetteByHand() {
        // s(0)=(11-1)/11, s(1)=(10-1)/10, s(2)=(9.5-2)/9.5, s(3)=(11.5-2)/11.5
        double expected = (10.0 / 11 + 9.0 / 10 + 7.5 / 9.5 + 9.5 / 11.5) / 4;
        assertEquals(expected, ClusterQuality.silhouette(POINTS, LABELS, 100, 1), 1e-12);
        assertTrue(Double.isNaN(ClusterQuality.silhouette(POINTS, new int[] {0, 0, 0, 0}, 100, 1)));
    }

    @Test
    void sampledSilhouetteIsASubsetMean() {
        double s = ClusterQuality.silhouette(POINTS, LABELS, 2, 3);
        double[] each = {10.0 / 11, 9.0 / 10, 7.5 / 9.5, 9.5 / 11.5};
        boolean matchesSomePair = false;
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                matchesSomePair |= Math.abs((each[i] + each[j]) / 2 - s) < 1e-12;
            }
        }
        assertTrue(matchesSomePair);
    }

    @Test
    void daviesBouldinByHand() {
        // centroids 0.5 and 11, scatters 0.5 and 1, distance 10.5
        assertEquals(1.5 / 10.5, ClusterQuality.daviesBouldin(POINTS, LABELS), 1e-12);
    }
}
