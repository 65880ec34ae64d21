package io.segflow.core.project;

import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.List;

/**
 * One SQL file under features/ (name = file name without .sql) plus its optional YAML properties.
 * {@code path} is relative to the project root; {@code sql} is the raw Jinja template text.
 * {@code config} already merges project defaults and YAML; Jinja {@code config()} calls are applied at render time.
 * {@code contractEnforced} (dbt's {@code config: contract: enforced: true}): the validated columns must be exactly the
 * declared ones, each with a type. {@code snapshot} is set for dbt snapshots (materialized {@code snapshot}).
 */
public record Feature(String name, Path path, String sql, FeatureConfig config, String description,
                      List<ColumnSpec> columns, List<TestSpec> tests, SourcePosition propertiesPosition,
                      boolean contractEnforced, SnapshotSpec snapshot) {
    public Feature {
        columns = List.copyOf(columns);
        tests = List.copyOf(tests);
    }

    public Feature(String name, Path path, String sql, FeatureConfig config, String description,
                   List<ColumnSpec> columns, List<TestSpec> tests, SourcePosition propertiesPosition) {
        this(name, path, sql, config, description, columns, tests, propertiesPosition, false, null);
    }

    public Feature(String name, Path path, String sql, FeatureConfig config, String description,
                   List<ColumnSpec> columns, List<TestSpec> tests, SourcePosition propertiesPosition,
                   boolean contractEnforced) {
        this(name, path, sql, config, description, columns, tests, propertiesPosition, contractEnforced, null);
    }

    public String uniqueId() {
        return "feature." + name;
    }
}
