package io.segflow.core.compile;

import io.segflow.core.project.FeatureConfig;
import io.segflow.core.render.RenderInputs;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A feature after the dialect-neutral phase: rendered, parsed and validated once. {@code incremental} is the
 * {@code is_incremental()} variant (null unless materialised incrementally). {@code compiled} holds SQL per dialect
 * key taken from the compile cache (empty when the node was validated in this run and is emitted from its tree);
 * {@code localKey} and {@code upstreamKey} are what the cache will know it by (see {@link NodeKeys}).
 */
public record ValidatedNode(String id, String name, Path path, RelationName relation, FeatureConfig config,
                            ValidatedSql query, ValidatedSql incremental, Set<String> dependsOn, RenderSummary summary,
                            String checksum, String fingerprint, Map<String, List<String>> compiled,
                            String localKey, String upstreamKey) {
    public ValidatedNode {
        dependsOn = Set.copyOf(dependsOn);
        compiled = Map.copyOf(compiled);
    }

    /** Everything the node's renders read (vars, env vars, macro files, target). */
    public RenderInputs inputs() {
        return summary.inputs();
    }

    public List<ColumnDef> columns() {
        return query.columns();
    }

    public String renderedSql() {
        return query.renderedSql();
    }
}
