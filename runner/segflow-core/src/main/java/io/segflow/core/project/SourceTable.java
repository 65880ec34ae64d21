package io.segflow.core.project;

import io.segflow.core.diagnostic.SourcePosition;
import java.util.List;

/**
 * A raw table declared in sources.yml: {@code source('source', 'table')}. {@code schema} and
 * {@code identifier} locate it in the warehouse (identifier defaults to the table name).
 */
public record SourceTable(String source, String table, String database, String schema, String identifier,
                          String description, List<ColumnSpec> columns, List<TestSpec> tests,
                          SourcePosition position) {
    public SourceTable {
        columns = List.copyOf(columns);
        tests = List.copyOf(tests);
    }

    public String uniqueId() {
        return "source." + source + "." + table;
    }
}
