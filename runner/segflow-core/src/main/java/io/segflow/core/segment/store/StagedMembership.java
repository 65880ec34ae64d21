package io.segflow.core.segment.store;

import java.util.Map;

/**
 * A new membership written to the staging table and compared with the current members, not yet published.
 * {@code previous} is the number of current memberships; {@code kept} the (entity, group) pairs in both;
 * {@code transitions} counts (previous group -> new group), "(none)" for entities that enter or leave;
 * {@code tablesCreated}: the members, history and changes tables did not exist before this staging.
 */
public record StagedMembership(long total, long previous, Map<String, Long> sizes, long entered, long exited,
                               long moved, long kept, Map<String, Map<String, Long>> transitions,
                               boolean tablesCreated) {
    public StagedMembership {
        sizes = Map.copyOf(sizes);
        transitions = Map.copyOf(transitions);
    }

    /** False when the staged (entity, group) pairs are exactly the current ones. */
    public boolean changed() {
        return kept != previous || kept != total;
    }

    /** Share of the previous memberships kept; null when there were none. */
    public Double agreement() {
        return previous == 0 ? null : (double) kept / previous;
    }

    /** Entering, exiting and moving memberships as a share of the previous ones; null when there were none. */
    public Double changeShare() {
        return previous == 0 ? null : (double) (entered + exited + moved) / previous;
    }
}
