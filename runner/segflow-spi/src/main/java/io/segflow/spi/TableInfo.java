package io.segflow.spi;

import java.util.List;

/** What a warehouse says about an existing relation. */
public record TableInfo(RelationName name, Kind kind, List<ColumnDef> columns) {
    public enum Kind { TABLE, VIEW }

    public TableInfo {
        columns = List.copyOf(columns);
    }
}
