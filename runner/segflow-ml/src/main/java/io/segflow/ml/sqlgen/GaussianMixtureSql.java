package io.segflow.ml.sqlgen;

import io.segflow.ml.cluster.CovarianceType;
import io.segflow.ml.cluster.GaussianComponent;
import io.segflow.ml.cluster.GaussianMixtureModel;
import java.util.ArrayList;
import java.util.List;

/** Compiles a diagonal-covariance Gaussian mixture to SQL: most likely component and component probabilities. */
public final class GaussianMixtureSql {
    private GaussianMixtureSql() {
    }

    /** Index of the component with the highest posterior probability. */
    public static String mostLikelyComponent(SqlFeatures features, GaussianMixtureModel model) {
        return SqlFeatures.argExtreme(logScores(features, model), false);
    }

    /** Posterior probability of {@code component}: softmax of the per-component log scores, shifted by their max. */
    public static String componentProbability(SqlFeatures features, GaussianMixtureModel model, int component) {
        List<String> scores = logScores(features, model);
        String max = scores.size() == 1 ? scores.get(0) : "GREATEST(" + String.join(", ", scores) + ")";
        List<String> exps = new ArrayList<>();
        for (String s : scores) {
            exps.add("EXP(" + s + " - " + max + ")");
        }
        return "(" + exps.get(component) + " / (" + String.join(" + ", exps) + "))";
    }

    /** log w_k + log N(x | mu_k, diag(var_k)) for each component, constants folded in Java. */
    static List<String> logScores(SqlFeatures features, GaussianMixtureModel model) {
        if (model.covarianceType() != CovarianceType.DIAGONAL) {
            throw new IllegalArgumentException("SQL compilation supports diagonal-covariance mixtures only");
        }
        if (model.dimensions() != features.size()) {
            throw new IllegalArgumentException("model has " + model.dimensions() + " features, SQL has " + features.size());
        }
        List<String> scores = new ArrayList<>();
        for (int k = 0; k < model.components(); k++) {
            GaussianComponent c = model.component(k);
            double[] mean = c.mean();
            double[] var = c.variances();
            double constant = Math.log(model.weights()[k]);
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < mean.length; j++) {
                constant -= 0.5 * Math.log(2 * Math.PI * var[j]);
                String diff = "(" + features.scaled(j) + " - " + SqlFeatures.literal(mean[j]) + ")";
                terms.add(diff + " * " + diff + " * " + SqlFeatures.literal(0.5 / var[j]));
            }
            scores.add("(" + SqlFeatures.literal(constant) + " - (" + String.join(" + ", terms) + "))");
        }
        return scores;
    }
}
