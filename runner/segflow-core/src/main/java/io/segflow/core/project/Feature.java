package io.segflow.core.project;

import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.List;

/**
 * One SQL file under features/ (name = file name without .sql) plus its optional YAML properties.
 * {@code path} is relative to the project root; {@code sql} is the raw Jinja template text.
 * {@code config} already merges project defaults and YAML; Jinja {@code config()} calls are applied at render time.
 */
public record Feature(String name, Path path, String sql, FeatureConfig config, String description,
                      List<ColumnSpec> columns, List<TestSpec> tests, SourcePosition propertiesPosition) {
    public Feature {
        columns = List.copyOf(columns);
        tests = List.copyOf(tests);
    }

    public String uniqueId() {
        return "feature." + name;
    }
}
