package io.segflow.ml.sqlgen;

import java.util.ArrayList;
import java.util.List;

/** Compiles linear and logistic regression to SQL expressions. */
public final class LinearModelSql {
    private LinearModelSql() {
    }

    /** intercept + sum of weight * feature. */
    public static String linearPredictor(SqlFeatures features, LinearModel model) {
        if (model.weights().length != features.size()) {
            throw new IllegalArgumentException("model has " + model.weights().length + " weights, SQL has "
                    + features.size() + " features");
        }
        List<String> terms = new ArrayList<>();
        terms.add(SqlFeatures.literal(model.intercept()));
        double[] w = model.weights();
        for (int j = 0; j < w.length; j++) {
            terms.add(SqlFeatures.literal(w[j]) + " * " + features.scaled(j));
        }
        return "(" + String.join(" + ", terms) + ")";
    }

    /** Logistic regression probability 1 / (1 + EXP(-z)). */
    public static String logisticProbability(SqlFeatures features, LinearModel model) {
        return "(1.0 / (1.0 + EXP(-" + linearPredictor(features, model) + ")))";
    }
}
