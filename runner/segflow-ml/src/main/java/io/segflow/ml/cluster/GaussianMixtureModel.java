package io.segflow.ml.cluster;

import io.segflow.ml.math.LogSumExp;
import java.util.List;

/** A fitted Gaussian mixture: component weights and Gaussians. */
public final class GaussianMixtureModel {
    private final CovarianceType covarianceType;
    private final double[] weights;
    private final List<GaussianComponent> components;

    public GaussianMixtureModel(CovarianceType covarianceType, double[] weights, List<GaussianComponent> components) {
        if (weights.length != components.size() || weights.length == 0) {
            throw new IllegalArgumentException("need one weight per component");
        }
        this.covarianceType = covarianceType;
        this.weights = weights.clone();
        this.components = List.copyOf(components);
    }

    public CovarianceType covarianceType() {
        return covarianceType;
    }

    public int components() {
        return weights.length;
    }

    public int dimensions() {
        return components.get(0).mean().length;
    }

    public double[] weights() {
        return weights.clone();
    }

    public GaussianComponent component(int k) {
        return components.get(k);
    }

    /** log(w_k) + log N(x | component k), for every k. */
    public double[] weightedLogDensities(double[] x) {
        double[] out = new double[weights.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.log(weights[k]) + components.get(k).logDensity(x);
        }
        return out;
    }

    /** Posterior component probabilities (responsibilities) for x. */
    public double[] predictProba(double[] x) {
        double[] log = weightedLogDensities(x);
        double norm = LogSumExp.of(log);
        for (int k = 0; k < log.length; k++) {
            log[k] = Math.exp(log[k] - norm);
        }
        return log;
    }

    /** Most likely component (lowest index on ties). */
    public int predict(double[] x) {
        double[] log = weightedLogDensities(x);
        int best = 0;
        for (int k = 1; k < log.length; k++) {
            if (log[k] > log[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Total log-likelihood of the data. */
    public double logLikelihood(double[][] data) {
        double ll = 0;
        for (double[] x : data) {
            ll += LogSumExp.of(weightedLogDensities(x));
        }
        return ll;
    }

    /** Number of free parameters (weights, means, covariances). */
    public int freeParameters() {
        int k = components();
        int d = dimensions();
        int covariance = covarianceType == CovarianceType.FULL ? d * (d + 1) / 2 : d;
        return (k - 1) + k * d + k * covariance;
    }

    /** Bayesian information criterion: -2 LL + p ln n (lower is better). */
    public double bic(double[][] data) {
        return -2 * logLikelihood(data) + freeParameters() * Math.log(data.length);
    }

    /** Akaike information criterion: -2 LL + 2p (lower is better). */
    public double aic(double[][] data) {
        return -2 * logLikelihood(data) + 2.0 * freeParameters();
    }
}
