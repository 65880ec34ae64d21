package io.segflow.core.compile;

import io.segflow.core.graph.NodeKind;
import io.segflow.core.project.FeatureConfig;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A feature after rendering, validation and compilation to the target dialect. Incremental features
 * carry a second rendering with {@code is_incremental()} true, used when the table already exists.
 * {@code fingerprint} is the canonical fingerprint of the node (see {@link NodeFingerprint}); column lineage
 * is asked of the project's {@link LineageGraph}.
 */
public record CompiledNode(String id, String name, NodeKind kind, Path path, RelationName relation,
                           FeatureConfig config, String renderedSql, String compiledSql,
                           String compiledIncrementalSql, List<ColumnDef> columns, Set<String> dependsOn,
                           String checksum, String fingerprint) {
    public CompiledNode {
        columns = List.copyOf(columns);
        dependsOn = Set.copyOf(dependsOn);
    }

    public boolean isIncremental() {
        return "incremental".equals(config.materialized());
    }
}
