package io.segflow.ml.sqlgen;

import java.util.List;

/** A linear predictor intercept + sum_j weights[j] * x_j over named features (in model space). */
public record LinearModel(List<String> featureNames, double[] weights, double intercept) {
    public LinearModel {
        featureNames = List.copyOf(featureNames);
        weights = weights.clone();
        if (featureNames.size() != weights.length) {
            throw new IllegalArgumentException("need one weight per feature");
        }
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** intercept + w . x */
    public double linearPredictor(double[] x) {
        double z = intercept;
        for (int j = 0; j < weights.length; j++) {
            z += weights[j] * x[j];
        }
        return z;
    }

    /** 1 / (1 + exp(-z)) */
    public double logistic(double[] x) {
        return 1.0 / (1.0 + Math.exp(-linearPredictor(x)));
    }
}
