package io.segflow.ml.sqlgen;

import java.util.ArrayList;
import java.util.List;

/** Compiles k-means centroids to a SQL expression returning the nearest cluster id (0-based, lowest id on ties). */
public final class KMeansSql {
    private KMeansSql() {
    }

    /** @param centroids centroids in the model (standardised) space, row i = cluster id i */
    public static String nearestCluster(SqlFeatures features, double[][] centroids) {
        List<String> distances = new ArrayList<>();
        for (double[] centroid : centroids) {
            distances.add(squaredDistance(features, centroid));
        }
        return SqlFeatures.argExtreme(distances, true);
    }

    /** Squared Euclidean distance from the (scaled) feature vector to a point. */
    public static String squaredDistance(SqlFeatures features, double[] point) {
        if (point.length != features.size()) {
            throw new IllegalArgumentException("centroid has " + point.length + " values, expected " + features.size());
        }
        List<String> terms = new ArrayList<>();
        for (int j = 0; j < point.length; j++) {
            String diff = "(" + features.scaled(j) + " - " + SqlFeatures.literal(point[j]) + ")";
            terms.add(diff + " * " + diff);
        }
        return "(" + String.join(" + ", terms) + ")";
    }
}
