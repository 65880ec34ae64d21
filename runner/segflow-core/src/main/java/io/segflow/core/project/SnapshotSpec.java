package io.segflow.core.project;

import java.util.List;

/**
 * How a dbt snapshot (SCD type 2) tracks its query: {@code strategy} {@code timestamp} (a row changed when its
 * {@code updatedAt} column moved forward) or {@code check} (when one of {@code checkColumns} changed; empty means
 * every column); {@code uniqueKey} identifies a row; {@code invalidateHardDeletes} closes rows gone from the query.
 */
public record SnapshotSpec(String strategy, List<String> uniqueKey, String updatedAt, List<String> checkColumns,
                           boolean invalidateHardDeletes) {
    public SnapshotSpec {
        uniqueKey = List.copyOf(uniqueKey);
        checkColumns = List.copyOf(checkColumns);
    }

    /** The four columns dbt adds to a snapshot table, in order. */
    public static final List<String> META_COLUMNS = List.of("dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to");
}
