package io.segflow.ml.pull;

/**
 * Per-feature statistics computed in the warehouse over the filtered relation (before sampling). {@code median} is
 * NaN unless the feature's policy asked for it. {@code imputedWith} is the value NULLs were replaced by (NaN when
 * NULLs were kept or never replaced).
 */
public record ColumnStats(String name, long rows, long nonNull, double mean, double min, double max, double median,
                          double imputedWith) {
    public long nulls() {
        return rows - nonNull;
    }

    public boolean constant() {
        return nonNull > 0 && min == max;
    }
}
