package io.segflow.core.project;

import io.segflow.core.diagnostic.SourcePosition;
import java.util.List;

/**
 * A raw table declared in sources.yml: {@code source('source', 'table')}. {@code schema} and
 * {@code identifier} locate it in the warehouse (identifier defaults to the table name). Relations read from a dbt
 * manifest are sources too: {@code tags} are dbt's, {@code upstream} the source ids of the dbt nodes it depends on.
 */
public record SourceTable(String source, String table, String database, String schema, String identifier,
                          String description, List<ColumnSpec> columns, List<TestSpec> tests,
                          SourcePosition position, List<String> tags, List<String> upstream) {
    public SourceTable {
        columns = List.copyOf(columns);
        tests = List.copyOf(tests);
        tags = List.copyOf(tags);
        upstream = List.copyOf(upstream);
    }

    public SourceTable(String source, String table, String database, String schema, String identifier,
                       String description, List<ColumnSpec> columns, List<TestSpec> tests, SourcePosition position) {
        this(source, table, database, schema, identifier, description, columns, tests, position, List.of(), List.of());
    }

    public String uniqueId() {
        return "source." + source + "." + table;
    }
}
