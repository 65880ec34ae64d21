package io.segflow.core.project;

import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.seed.CsvOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A CSV file loaded into the warehouse as a table and read with {@code ref('<name>')}: any CSV under the
 * seed paths, or one declared in YAML with a {@code path} (which may point outside the project, e.g. to a
 * shared data folder; {@code .gz} is read as gzip). {@code csv} says how the file is read (header, delimiter,
 * encoding, null values); {@code columnTypes} pins column types and {@code formats} gives strftime formats of
 * date/timestamp columns; the other types are inferred from the values.
 */
public record Seed(String name, Path path, String schema, CsvOptions csv, Map<String, String> columnTypes,
                   Map<String, String> formats, String description, List<ColumnSpec> columns, List<TestSpec> tests,
                   SourcePosition position) {
    public Seed {
        columnTypes = Map.copyOf(columnTypes);
        formats = Map.copyOf(formats);
        columns = List.copyOf(columns);
        tests = List.copyOf(tests);
    }

    public String uniqueId() {
        return "seed." + name;
    }
}
