package io.segflow.ml.cluster;

/**
 * Keeps cluster ids stable across retrains: new centroids are matched to previous ones by minimum total squared
 * distance (Hungarian assignment). When k grows, unmatched new clusters get the next free ids.
 */
public final class ClusterRelabeler {
    private ClusterRelabeler() {
    }

    /**
     * @return mapping[newId] = stable id; new clusters matched to previous cluster j get id j
     */
    public static int[] relabel(double[][] previousCentroids, double[][] newCentroids) {
        int n = Math.max(previousCentroids.length, newCentroids.length);
        double[][] cost = new double[n][n]; // padded rows/columns cost 0 so they absorb the surplus
        for (int i = 0; i < newCentroids.length; i++) {
            for (int j = 0; j < previousCentroids.length; j++) {
                cost[i][j] = KMeansPlusPlus.squaredDistance(newCentroids[i], previousCentroids[j]);
            }
        }
        int[] assignment = HungarianAlgorithm.solve(cost);
        int[] mapping = new int[newCentroids.length];
        for (int i = 0; i < newCentroids.length; i++) {
            mapping[i] = assignment[i];
        }
        return mapping;
    }
}
