package io.segflow.core.segment;

import io.segflow.spi.WarehouseAdapter;

/**
 * Work a segment type must do at run time before its membership query exists (e.g. train a model and
 * write scores to a staging table). Returns the membership query, already in the target's dialect,
 * with the columns entity_id, segment, score, explanation.
 */
@FunctionalInterface
public interface RuntimeStep {
    String membershipSql(WarehouseAdapter adapter, SegmentRunContext run);

    /** The step itself; a step restored from the compile cache plans its definition again on first use. */
    default RuntimeStep resolved() {
        return this;
    }
}
