package io.segflow.ml.pull;

/** What a feature pull does with NULL (and NaN) values of one feature. */
public enum NullPolicy {
    /** Replace with the feature's mean over the filtered relation, computed in the warehouse. */
    IMPUTE_MEAN,
    /** Replace with the median, computed in the warehouse (approximate on BigQuery). */
    IMPUTE_MEDIAN,
    /** Replace with 0. */
    IMPUTE_ZERO,
    /** Leave the value missing (NaN in the matrix); for models that handle missing values, e.g. XGBoost. */
    KEEP_MISSING,
    /** Drop rows where the feature is missing (filtered in SQL before sampling). */
    DROP,
    /** Fail with a {@link io.segflow.ml.TrainingDataException} when any value is missing. */
    FAIL
}
