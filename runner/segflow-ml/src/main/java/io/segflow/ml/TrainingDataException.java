package io.segflow.ml;

/**
 * The data given to a trainer or scorer cannot be used: no rows, an all-NULL or constant feature, NULLs where the
 * feature's policy forbids them, a single class label, more clusters than rows, or a feature column that does not
 * exist. The message names the feature and says what to change.
 */
public class TrainingDataException extends RuntimeException {
    /** What is wrong, for callers that map errors to diagnostics. */
    public enum Reason {
        NO_ROWS, ALL_NULL, NULLS_NOT_ALLOWED, CONSTANT_FEATURE, SINGLE_CLASS, TOO_FEW_ROWS, FEATURE_MISSING,
        BAD_VALUE
    }

    private final Reason reason;
    private final String feature;

    public TrainingDataException(Reason reason, String feature, String message) {
        super(message);
        this.reason = reason;
        this.feature = feature;
    }

    public Reason reason() {
        return reason;
    }

    /** The feature (or label) concerned, or null when the problem is not about one column. */
    public String feature() {
        return feature;
    }

    /** Fails with {@link Reason#TOO_FEW_ROWS} when {@code k} clusters are asked of fewer than {@code k} rows. */
    public static void requireClustersAtMostRows(int k, int rows) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (k > rows) {
            throw new TrainingDataException(Reason.TOO_FEW_ROWS, null, "cannot form k=" + k + " clusters from "
                    + rows + " row" + (rows == 1 ? "" : "s") + ": lower k or widen the sample");
        }
    }
}
