package io.segflow.experiment;

import io.segflow.core.segment.store.MembershipTables;
import io.segflow.spi.RelationName;

/**
 * Warehouse tables of one experiment, beside the membership tables (schema "segments"):
 * {@code <name>_assignments} (every entity ever assigned, with its arm: sticky), {@code <name>_assignment_history}
 * (one row per period the entity was in the targeted population), {@code <name>_readout} and the staging table.
 */
public record AssignmentTables(String schema, String experiment) {
    public static AssignmentTables of(String experiment) {
        return new AssignmentTables(MembershipTables.DEFAULT_SCHEMA, experiment);
    }

    public RelationName assignments() {
        return RelationName.of(schema, experiment + "_assignments");
    }

    public RelationName history() {
        return RelationName.of(schema, experiment + "_assignment_history");
    }

    public RelationName readout() {
        return RelationName.of(schema, experiment + "_readout");
    }

    public RelationName staging() {
        return RelationName.of(schema, experiment + "__assign_staging");
    }
}
