package io.segflow.core.segment.store;

import io.segflow.spi.RelationName;

/**
 * Names of the warehouse tables of one segmentation, in {@code schema} (default "segments"):
 * {@code <name>_members} (current), {@code <name>_history_closed} (ended memberships), {@code <name>_history} (view:
 * ended memberships and current members), {@code <name>_changes}, {@code <name>_export} (view without groups below
 * the privacy floor), the staging table, and the shared {@code segflow_runs}.
 */
public record MembershipTables(String schema, String segmentation) {
    public static final String DEFAULT_SCHEMA = "segments";

    public RelationName members() {
        return RelationName.of(schema, segmentation + "_members");
    }

    public RelationName history() {
        return RelationName.of(schema, segmentation + "_history");
    }

    /** Memberships that have ended (valid_to set); the history view adds the current members as open rows. */
    public RelationName historyClosed() {
        return RelationName.of(schema, segmentation + "_history_closed");
    }

    public RelationName changes() {
        return RelationName.of(schema, segmentation + "_changes");
    }

    public RelationName export() {
        return RelationName.of(schema, segmentation + "_export");
    }

    public RelationName staging() {
        return RelationName.of(schema, segmentation + "__staging");
    }

    public RelationName scratch() {
        return RelationName.of(schema, segmentation + "__scratch");
    }

    public RelationName runs() {
        return RelationName.of(schema, "segflow_runs");
    }
}
