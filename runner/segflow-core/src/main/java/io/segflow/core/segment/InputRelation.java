package io.segflow.core.segment;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.List;

/** A feature or source a segment reads: its DAG id, warehouse relation, columns and entity key (may be null). */
public record InputRelation(String nodeId, RelationName relation, List<ColumnDef> columns, String entityKey) {
    public InputRelation {
        columns = List.copyOf(columns);
    }

    /** The relation as a neutral (double-quoted) SQL name. */
    public String sqlName() {
        return SegmentSql.relation(relation);
    }

    public boolean hasColumn(String name) {
        return columns.stream().anyMatch(c -> c.name().equalsIgnoreCase(name));
    }
}
