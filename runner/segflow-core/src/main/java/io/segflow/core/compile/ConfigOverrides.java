package io.segflow.core.compile;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.FeatureConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Applies the keys of a Jinja {@code config(...)} call on top of a feature's YAML config. */
final class ConfigOverrides {
    private ConfigOverrides() {
    }

    static FeatureConfig apply(FeatureConfig base, Map<String, Object> overrides, SourcePosition where,
                               List<Diagnostic> problems) {
        String materialized = base.materialized();
        String schema = base.schema();
        String alias = base.alias();
        List<String> uniqueKey = base.uniqueKey();
        String entityKey = base.entityKey();
        List<String> tags = base.tags();
        boolean enabled = base.enabled();
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "materialized" -> {
                    materialized = String.valueOf(v);
                    if (!FeatureConfig.MATERIALIZATIONS.contains(materialized)) {
                        problems.add(Diagnostic.error(ErrorCode.INVALID_VALUE, where,
                                "unknown materialization '" + materialized + "' in config()",
                                "use one of " + FeatureConfig.MATERIALIZATIONS));
                    }
                }
                case "schema" -> schema = String.valueOf(v);
                case "alias" -> alias = String.valueOf(v);
                case "unique_key" -> uniqueKey = strings(v);
                case "entity_key" -> entityKey = String.valueOf(v);
                case "tags" -> {
                    List<String> merged = new ArrayList<>(tags);
                    strings(v).stream().filter(t -> !merged.contains(t)).forEach(merged::add);
                    tags = merged;
                }
                case "enabled" -> enabled = Boolean.parseBoolean(String.valueOf(v));
                default -> problems.add(Diagnostic.error(ErrorCode.UNKNOWN_KEY, where,
                        "unknown config() key '" + e.getKey() + "'",
                        "config() accepts materialized, schema, alias, unique_key, entity_key, tags, enabled"));
            }
        }
        if ("incremental".equals(materialized) && uniqueKey.isEmpty()) {
            problems.add(Diagnostic.error(ErrorCode.MISSING_KEY, where,
                    "incremental feature has no unique_key",
                    "add unique_key='id' to config() or the feature's YAML config so rows can be merged"));
        }
        return new FeatureConfig(materialized, schema, alias, uniqueKey, entityKey, tags, enabled);
    }

    private static List<String> strings(Object v) {
        if (v instanceof Collection<?> c) return c.stream().map(String::valueOf).toList();
        return List.of(String.valueOf(v));
    }
}
