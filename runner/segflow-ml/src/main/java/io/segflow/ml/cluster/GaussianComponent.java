package io.segflow.ml.cluster;

/**
 * One Gaussian: mean and covariance, with the Cholesky factor cached for log-density evaluation.
 * A diagonal covariance is stored as a full matrix with zero off-diagonals and evaluated the same way.
 */
public final class GaussianComponent {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final double[] mean;
    private final double[][] covariance;
    private final double[][] cholesky;
    private final double logDeterminant;

    /** @throws IllegalArgumentException if the covariance is not positive definite */
    public GaussianComponent(double[] mean, double[][] covariance) {
        this.mean = mean.clone();
        this.covariance = deepCopy(covariance);
        this.cholesky = choleskyLower(covariance);
        double logDet = 0;
        for (int i = 0; i < mean.length; i++) {
            logDet += 2 * Math.log(cholesky[i][i]);
        }
        this.logDeterminant = logDet;
    }

    /** log N(x | mean, covariance). */
    public double logDensity(double[] x) {
        int d = mean.length;
        double[] y = new double[d];
        double quad = 0;
        for (int i = 0; i < d; i++) {
            double s = x[i] - mean[i];
            for (int j = 0; j < i; j++) {
                s -= cholesky[i][j] * y[j];
            }
            y[i] = s / cholesky[i][i];
            quad += y[i] * y[i];
        }
        return -0.5 * (d * LOG_2PI + logDeterminant + quad);
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[][] covariance() {
        return deepCopy(covariance);
    }

    /** Diagonal of the covariance (the variances). */
    public double[] variances() {
        double[] v = new double[mean.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = covariance[i][i];
        }
        return v;
    }

    static double[][] choleskyLower(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("covariance is not positive definite; increase reg_covar");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
