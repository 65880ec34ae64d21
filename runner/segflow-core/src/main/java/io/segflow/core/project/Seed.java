package io.segflow.core.project;

import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A CSV file loaded into the warehouse as a table and read with {@code ref('<name>')}: any CSV under the
 * seed paths, or one declared in YAML with a {@code path} (which may point outside the project, e.g. to a
 * shared data folder; {@code .csv.gz} is read as gzip). {@code columnTypes} pins column types; the others
 * are inferred from the values.
 */
public record Seed(String name, Path path, String schema, char delimiter, Map<String, String> columnTypes,
                   String description, List<ColumnSpec> columns, List<TestSpec> tests, SourcePosition position) {
    public Seed {
        columnTypes = Map.copyOf(columnTypes);
        columns = List.copyOf(columns);
        tests = List.copyOf(tests);
    }

    public String uniqueId() {
        return "seed." + name;
    }
}
