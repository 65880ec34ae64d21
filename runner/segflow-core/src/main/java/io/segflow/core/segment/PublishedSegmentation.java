package io.segflow.core.segment;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.List;

/**
 * A segmentation's published membership as another segment type reads it: its DAG id, the current-members table
 * ({@code entity_id, segment, score, explanation, run_id, updated_at}), its declared groups (empty when a model
 * names them only at run time) and whether an entity may be in several groups.
 */
public record PublishedSegmentation(String nodeId, String name, RelationName members, List<ColumnDef> columns,
                                    List<String> groups, boolean multiMembership) {
    public PublishedSegmentation {
        columns = List.copyOf(columns);
        groups = List.copyOf(groups);
    }

    /** The members table as an input relation keyed by {@code entity_id}. */
    public InputRelation asInput() {
        return new InputRelation(nodeId, members, columns, "entity_id");
    }
}
