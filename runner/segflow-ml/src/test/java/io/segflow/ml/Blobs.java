package io.segflow.ml;

import java.util.Random;

/** Synthetic, well separated Gaussian blobs for clustering tests. */
public final class Blobs {
    private Blobs() {
    }

    /** {@code perBlob} points around each centre with the given standard deviation; rows are blob-major. */
    public static double[][] around(double[][] centres, int perBlob, double sd, long seed) {
        Random random = new Random(seed);
        int d = centres[0].length;
        double[][] out = new double[centres.length * perBlob][d];
        for (int c = 0; c < centres.length; c++) {
            for (int i = 0; i < perBlob; i++) {
                for (int j = 0; j < d; j++) {
                    out[c * perBlob + i][j] = centres[c][j] + sd * random.nextGaussian();
                }
            }
        }
        return out;
    }
}
