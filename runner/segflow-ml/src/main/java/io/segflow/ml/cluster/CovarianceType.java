package io.segflow.ml.cluster;

/** Covariance structure of each Gaussian mixture component. */
public enum CovarianceType {
    /** Per-component diagonal covariance (independent features). */
    DIAGONAL,
    /** Per-component full covariance matrix. */
    FULL
}
