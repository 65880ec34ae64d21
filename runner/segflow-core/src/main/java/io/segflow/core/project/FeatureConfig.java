package io.segflow.core.project;

import java.util.List;

/**
 * How a feature is materialised. {@code materialized}: view, table, incremental or
 * ephemeral (inlined into its dependents as a CTE, never built); {@code uniqueKey}
 * drives the incremental merge; {@code entityKey} names the customer id column segments join on.
 */
public record FeatureConfig(String materialized, String schema, String alias, List<String> uniqueKey,
                            String entityKey, List<String> tags, boolean enabled) {
    public FeatureConfig {
        uniqueKey = List.copyOf(uniqueKey);
        tags = List.copyOf(tags);
    }

    public static final List<String> MATERIALIZATIONS = List.of("view", "table", "incremental", "ephemeral");
}
