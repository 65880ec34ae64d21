package io.segflow.experiment;

/** Entities whose holdout bucket is below {@code share} of the buckets are kept out of every experiment. */
public record GlobalHoldout(double share, String salt) {
    public static final String DEFAULT_SALT = "global_holdout";

    public int bound() {
        return (int) Math.round(share * Experiment.BUCKETS);
    }
}
