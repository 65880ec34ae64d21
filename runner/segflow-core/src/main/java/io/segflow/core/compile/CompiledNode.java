package io.segflow.core.compile;

import io.segflow.core.graph.NodeKind;
import io.segflow.core.project.FeatureConfig;
import io.segflow.core.sql.ColumnOrigin;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A feature after rendering, validation and compilation to the target dialect. Incremental features
 * carry a second rendering with {@code is_incremental()} true, used when the table already exists.
 */
public record CompiledNode(String id, String name, NodeKind kind, Path path, RelationName relation,
                           FeatureConfig config, String renderedSql, String compiledSql,
                           String compiledIncrementalSql, List<ColumnDef> columns,
                           Map<String, Set<ColumnOrigin>> lineage, Set<String> dependsOn, String checksum) {
    public CompiledNode {
        columns = List.copyOf(columns);
        lineage = Map.copyOf(lineage);
        dependsOn = Set.copyOf(dependsOn);
    }

    public boolean isIncremental() {
        return "incremental".equals(config.materialized());
    }
}
