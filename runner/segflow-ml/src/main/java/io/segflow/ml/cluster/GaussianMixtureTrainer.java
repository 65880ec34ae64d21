package io.segflow.ml.cluster;

import io.segflow.ml.math.LogSumExp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fits a {@link GaussianMixtureModel} by expectation-maximisation, initialised from k-means++ / Lloyd labels, with
 * responsibilities computed in log space and {@code regCovar} added to every covariance diagonal. Converges when the
 * mean per-sample log-likelihood improves by less than {@code tolerance} (as scikit-learn's GaussianMixture).
 */
public final class GaussianMixtureTrainer {
    private final int k;
    private final CovarianceType covarianceType;
    private final double regCovar;
    private final double tolerance;
    private final int maxIterations;
    private final int initialisations;
    private final long seed;

    /** Result of a fit. */
    public record Fit(GaussianMixtureModel model, double logLikelihood, int iterations, boolean converged) {
    }

    /** Defaults: reg_covar 1e-6, tolerance 1e-3, 100 iterations, 1 initialisation. */
    public GaussianMixtureTrainer(int k, CovarianceType covarianceType, long seed) {
        this(k, covarianceType, 1e-6, 1e-3, 100, 1, seed);
    }

    public GaussianMixtureTrainer(int k, CovarianceType covarianceType, double regCovar, double tolerance,
                                  int maxIterations, int initialisations, long seed) {
        if (k < 1 || regCovar < 0 || tolerance <= 0 || maxIterations < 1 || initialisations < 1) {
            throw new IllegalArgumentException("invalid GMM settings");
        }
        this.k = k;
        this.covarianceType = covarianceType;
        this.regCovar = regCovar;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.initialisations = initialisations;
        this.seed = seed;
    }

    /** Fits on rows of {@code data}; the best of the initialisations by log-likelihood wins. */
    public Fit fit(double[][] data) {
        io.segflow.ml.TrainingDataException.requireClustersAtMostRows(k, data.length);
        Random random = new Random(seed);
        Fit best = null;
        for (int init = 0; init < initialisations; init++) {
            Fit fit = fitOnce(data, KMeansPlusPlus.cluster(data, k, random, 300));
            if (best == null || fit.logLikelihood() > best.logLikelihood()) {
                best = fit;
            }
        }
        return best;
    }

    private Fit fitOnce(double[][] data, int[] labels) {
        int n = data.length;
        double[][] resp = new double[n][k];
        for (int i = 0; i < n; i++) {
            resp[i][labels[i]] = 1.0;
        }
        GaussianMixtureModel model = maximisation(data, resp);
        double previous = Double.NEGATIVE_INFINITY;
        for (int iter = 1; iter <= maxIterations; iter++) {
            double meanLogLikelihood = expectation(model, data, resp) / n;
            model = maximisation(data, resp);
            if (Math.abs(meanLogLikelihood - previous) < tolerance) {
                return new Fit(model, model.logLikelihood(data), iter, true);
            }
            previous = meanLogLikelihood;
        }
        return new Fit(model, model.logLikelihood(data), maxIterations, false);
    }

    /** Fills {@code resp} with posterior probabilities; returns the total log-likelihood. */
    private static double expectation(GaussianMixtureModel model, double[][] data, double[][] resp) {
        double total = 0;
        for (int i = 0; i < data.length; i++) {
            double[] log = model.weightedLogDensities(data[i]);
            double norm = LogSumExp.of(log);
            total += norm;
            for (int c = 0; c < log.length; c++) {
                resp[i][c] = Math.exp(log[c] - norm);
            }
        }
        return total;
    }

    private GaussianMixtureModel maximisation(double[][] data, double[][] resp) {
        int n = data.length;
        int d = data[0].length;
        double[] weights = new double[k];
        List<GaussianComponent> components = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            double nk = 10 * Math.ulp(1.0); // as scikit-learn: keeps empty components finite
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                nk += resp[i][c];
                for (int j = 0; j < d; j++) {
                    mean[j] += resp[i][c] * data[i][j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= nk;
            }
            double[][] cov = new double[d][d];
            for (int i = 0; i < n; i++) {
                double r = resp[i][c];
                if (r == 0) {
                    continue;
                }
                for (int a = 0; a < d; a++) {
                    double da = data[i][a] - mean[a];
                    if (covarianceType == CovarianceType.DIAGONAL) {
                        cov[a][a] += r * da * da;
                    } else {
                        for (int b = 0; b <= a; b++) {
                            cov[a][b] += r * da * (data[i][b] - mean[b]);
                        }
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    cov[a][b] /= nk;
                    cov[b][a] = cov[a][b];
                }
                cov[a][a] += regCovar;
            }
            weights[c] = nk;
            components.add(new GaussianComponent(mean, cov));
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        for (int c = 0; c < k; c++) {
            weights[c] /= total;
        }
        return new GaussianMixtureModel(covarianceType, weights, components);
    }
}
