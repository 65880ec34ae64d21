package io.segflow.ml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.ml.Blobs;
import io.segflow.ml.MallCustomers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeansClusteringTest {
    static final List<String> NAMES = List.of("spend", "orders", "tenure");
    static final double[][] CENTRES = {{100, 20, 30}, {500, 100, 300}, {2000, 60, 700}};

    @Test
    void recoversCentroidsInOriginalUnits() {
        double[][] data = Blobs.around(CENTRES, 100, 5.0, 3);
        KMeansClustering km = KMeansClustering.train(NAMES, data, 3, 100, 42, true);
        int[] labels = km.predict(data);
        for (int blob = 0; blob < 3; blob++) {
            int id = labels[blob * 100];
            for (int i = 0; i < 100; i++) {
                assertEquals(id, labels[blob * 100 + i]);
            }
            double[] centroid = km.centroidsOriginalUnits()[id];
            for (int j = 0; j < 3; j++) {
                assertEquals(CENTRES[blob][j], centroid[j], 2.0);
            }
        }
        Standardizer s = km.standardizer();
        assertEquals(Arrays.stream(data).mapToDouble(r -> r[0]).average().orElseThrow(), s.means()[0], 1e-9);
        assertArrayEquals(data[5], s.inverse(s.transform(data[5])), 1e-9);
    }

    @Test
    void relabellingKeepsIdsStableAcrossRetrains() {
        double[][] data = Blobs.around(CENTRES, 100, 5.0, 3);
        KMeansClustering first = KMeansClustering.train(NAMES, data, 3, 100, 1, true);
        List<double[]> shuffled = new ArrayList<>(Arrays.asList(data));
        Collections.shuffle(shuffled, new Random(9));
        double[][] retrainData = shuffled.toArray(double[][]::new);
        boolean sawPermutation = false;
        for (long seed = 2; seed < 12; seed++) {
            KMeansClustering raw = KMeansClustering.train(NAMES, retrainData, 3, 100, seed, true);
            sawPermutation |= !Arrays.equals(first.predict(data), raw.predict(data));
            KMeansClustering stable = raw.relabelledAgainst(first);
            assertArrayEquals(first.predict(data), stable.predict(data), "seed " + seed);
        }
        assertTrue(sawPermutation, "retrains should sometimes number clusters differently, or the test proves nothing");
    }

    @Test
    void growingKKeepsOldIdsAndAddsNewOnes() {
        double[][] data = Blobs.around(new double[][] {{0, 0, 0}, {50, 0, 0}, {0, 50, 0}, {0, 0, 50}}, 50, 1.0, 4);
        KMeansClustering three = KMeansClustering.train(NAMES, Arrays.copyOf(data, 150), 3, 100, 1, false);
        KMeansClustering four = KMeansClustering.train(NAMES, data, 4, 100, 1, false).relabelledAgainst(three);
        int[] before = three.predict(Arrays.copyOf(data, 150));
        int[] after = four.predict(Arrays.copyOf(data, 150));
        assertArrayEquals(before, after);
        assertEquals(3, four.predict(data[199]));
    }

    @Test
    void silhouetteChoosesThreeBlobsAndFiveMallSegments() {
        KSelection.Result blobs = KSelection.choose(NAMES, Blobs.around(CENTRES, 100, 5.0, 3), 2, 6, 7, 1000, true);
        assertEquals(3, blobs.best().k());
        KSelection.Result mall = KSelection.choose(List.of("income", "score"), MallCustomers.incomeAndScore(),
                2, 8, 7, 200, true);
        for (KSelection.Candidate c : mall.candidates()) {
            System.out.printf("Mall k-means k=%d silhouette=%.4f davies-bouldin=%.4f%n", c.k(), c.silhouette(), c.daviesBouldin());
        }
        assertEquals(5, mall.best().k());
        KSelection.Candidate bestDb = mall.candidates().stream()
                .min(java.util.Comparator.comparingDouble(KSelection.Candidate::daviesBouldin)).orElseThrow();
        assertEquals(5, bestDb.k());
        assertTrue(mall.best().silhouette() > 0.5);
    }

    @Test
    void hdbscanFindsBlobsAndFlagsNoise() {
        double[][] blobs = Blobs.around(CENTRES, 60, 5.0, 3);
        double[][] data = Arrays.copyOf(blobs, blobs.length + 3);
        data[blobs.length] = new double[] {1200, 400, 0};
        data[blobs.length + 1] = new double[] {-900, -300, 1500};
        data[blobs.length + 2] = new double[] {3500, -20, -400};
        HdbscanClustering.Result r = HdbscanClustering.train(NAMES, data, 10, false);
        assertEquals(3, r.clusters());
        for (int blob = 0; blob < 3; blob++) {
            int id = r.labels()[blob * 60];
            assertTrue(id >= 0);
            long same = Arrays.stream(r.labels(), blob * 60, blob * 60 + 60).filter(l -> l == id).count();
            assertTrue(same >= 55, "blob " + blob + " kept " + same);
        }
        for (int i = blobs.length; i < data.length; i++) {
            assertEquals(-1, r.labels()[i], "outlier row " + i);
        }
    }
}
