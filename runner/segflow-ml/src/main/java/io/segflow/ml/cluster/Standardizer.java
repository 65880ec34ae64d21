package io.segflow.ml.cluster;

import java.util.List;

/**
 * Z-score standardisation with stored per-feature means and (population) standard deviations. A constant feature
 * gets std 1 so it maps to 0 instead of NaN.
 */
public record Standardizer(List<String> featureNames, double[] means, double[] stds) {
    public Standardizer {
        featureNames = List.copyOf(featureNames);
        means = means.clone();
        stds = stds.clone();
        if (featureNames.size() != means.length || means.length != stds.length) {
            throw new IllegalArgumentException("names, means and stds must have the same length");
        }
    }

    /** Learns means and stds from rows of {@code data}. */
    public static Standardizer fit(List<String> featureNames, double[][] data) {
        int d = featureNames.size();
        double[] mean = new double[d];
        double[] std = new double[d];
        for (double[] row : data) {
            if (row.length != d) {
                throw new IllegalArgumentException("row has " + row.length + " values, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= data.length;
        }
        for (double[] row : data) {
            for (int j = 0; j < d; j++) {
                std[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j] / data.length);
            if (!(std[j] > 0)) {
                std[j] = 1.0;
            }
        }
        return new Standardizer(featureNames, mean, std);
    }

    /** Identity transform (means 0, stds 1). */
    public static Standardizer identity(List<String> featureNames) {
        double[] zeros = new double[featureNames.size()];
        double[] ones = new double[featureNames.size()];
        java.util.Arrays.fill(ones, 1.0);
        return new Standardizer(featureNames, zeros, ones);
    }

    /** (x - mean) / std; the SQL compiler emits exactly this expression. */
    public double[] transform(double[] row) {
        double[] z = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            z[j] = (row[j] - means[j]) / stds[j];
        }
        return z;
    }

    public double[][] transform(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = transform(rows[i]);
        }
        return out;
    }

    /** z * std + mean. */
    public double[] inverse(double[] z) {
        double[] x = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            x[j] = z[j] * stds[j] + means[j];
        }
        return x;
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] stds() {
        return stds.clone();
    }
}
