package io.segflow.core.dbt;

import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.FeatureConfig;
import io.segflow.core.project.YamlFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * The {@code models: <project>:} block of dbt_project.yml: configs ({@code +materialized}, {@code +schema},
 * {@code +tags}, ...) that apply to every model under a folder, nested by subfolder (or model name); the deepest
 * wins, tags add up, and a model's own YAML {@code config:} wins over its folders. A custom {@code schema} is
 * placed as dbt's default {@code generate_schema_name} does: {@code <target schema>_<custom>}.
 */
public final class FolderConfigs {
    private static final Set<String> APPLIED = Set.of("materialized", "schema", "tags", "enabled", "alias",
            "unique_key", "contract");
    private static final Set<String> ACCEPTED = Set.of("meta", "docs", "persist_docs", "full_refresh", "group",
            "access", "on_configuration_change");
    private static final Set<String> WARNED = Set.of("on_schema_change", "incremental_strategy", "grants",
            "database", "sql_header", "batch_size", "lookback", "begin", "event_time", "column_types", "quoting");
    private static final Set<String> REFUSED = Set.of("pre-hook", "post-hook", "pre_hook", "post_hook");

    private final Map<List<String>, Map<String, Object>> byFolder = new LinkedHashMap<>();
    private final List<String> modelPaths;

    FolderConfigs(YamlFile file, Node projectBlock, List<String> modelPaths, Diagnostics diags) {
        this.modelPaths = modelPaths;
        if (projectBlock != null) collect(file, projectBlock, List.of(), diags);
    }

    private void collect(YamlFile file, Node block, List<String> folder, Diagnostics diags) {
        if (!(block instanceof MappingNode map)) return;
        Map<String, Object> here = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String raw = YamlFile.scalarText(t.getKeyNode());
            if (raw == null) continue;
            String key = raw.startsWith("+") ? raw.substring(1) : raw;
            boolean isConfig = raw.startsWith("+") || !(t.getValueNode() instanceof MappingNode)
                    || APPLIED.contains(key) || ACCEPTED.contains(key);
            if (!isConfig) {
                List<String> sub = new ArrayList<>(folder);
                sub.add(raw);
                collect(file, t.getValueNode(), sub, diags);
                continue;
            }
            if (REFUSED.contains(key)) {
                diags.error(ErrorCode.UNSUPPORTED_FEATURE, file.pos(t.getKeyNode()), "'" + raw + "' hooks are not supported",
                        "move the statements into a model or run them outside segflow; see docs/dbt.md");
            } else if (WARNED.contains(key)) {
                diags.warning(ErrorCode.UNSUPPORTED_FEATURE, file.pos(t.getKeyNode()), "model config '" + raw
                        + "' is not supported and is ignored", "see docs/dbt.md");
            } else if (!APPLIED.contains(key) && !ACCEPTED.contains(key)) {
                diags.warning(ErrorCode.UNKNOWN_KEY, file.pos(t.getKeyNode()), "unknown model config '" + raw + "' is ignored", null);
            } else if ("materialized".equals(key) && !FeatureConfig.MATERIALIZATIONS.contains(YamlFile.scalarText(t.getValueNode()))
                    && !"ephemeral".equals(YamlFile.scalarText(t.getValueNode()))) {
                diags.error(ErrorCode.INVALID_VALUE, file.pos(t.getValueNode()), "unknown materialization '"
                        + YamlFile.scalarText(t.getValueNode()) + "'", "use view, table, incremental or ephemeral");
            } else {
                here.put(key, YamlFile.toJava(t.getValueNode()));
            }
        }
        byFolder.put(List.copyOf(folder), here);
    }

    /**
     * {@code yaml} (the model's config from project defaults and its YAML {@code config:}, whose keys are
     * {@code yamlKeys}) with the folder configs of {@code modelFile} underneath.
     */
    public FeatureConfig apply(FeatureConfig yaml, Set<String> yamlKeys, Path modelFile, String targetSchema) {
        Map<String, Object> merged = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>();
        List<String> chain = chain(modelFile);
        for (int depth = 0; depth <= chain.size(); depth++) {
            Map<String, Object> level = byFolder.get(chain.subList(0, depth));
            if (level == null) continue;
            merged.putAll(level);
            if (level.get("tags") != null) tags.addAll(strings(level.get("tags")));
        }
        for (String t : yaml.tags()) if (!tags.contains(t)) tags.add(t);
        String materialized = yamlKeys.contains("materialized") || !merged.containsKey("materialized")
                ? yaml.materialized() : String.valueOf(merged.get("materialized"));
        String custom = yamlKeys.contains("schema") ? yaml.schema()
                : merged.containsKey("schema") ? String.valueOf(merged.get("schema")) : null;
        String schema = custom == null ? yaml.schema() : targetSchema + "_" + custom;
        String alias = yamlKeys.contains("alias") || !merged.containsKey("alias") ? yaml.alias() : String.valueOf(merged.get("alias"));
        List<String> uniqueKey = yamlKeys.contains("unique_key") || !merged.containsKey("unique_key")
                ? yaml.uniqueKey() : strings(merged.get("unique_key"));
        boolean enabled = yamlKeys.contains("enabled") || !merged.containsKey("enabled")
                ? yaml.enabled() : Boolean.parseBoolean(String.valueOf(merged.get("enabled")));
        return new FeatureConfig(materialized, schema, alias, uniqueKey, yaml.entityKey(), tags, enabled);
    }

    /** Whether the folders of {@code modelFile} enforce a contract ({@code +contract: {enforced: true}}). */
    public boolean contractEnforced(Path modelFile) {
        boolean enforced = false;
        List<String> chain = chain(modelFile);
        for (int depth = 0; depth <= chain.size(); depth++) {
            Map<String, Object> level = byFolder.get(chain.subList(0, depth));
            if (level != null && level.get("contract") instanceof Map<?, ?> c && c.get("enforced") instanceof Boolean b) enforced = b;
        }
        return enforced;
    }

    /** Folder names below the model path, then the model name: models/staging/stg_x.sql is [staging, stg_x]. */
    private List<String> chain(Path modelFile) {
        Path rel = modelFile;
        for (String mp : modelPaths) {
            Path base = Path.of(mp).normalize();
            if (modelFile.normalize().startsWith(base)) {
                rel = base.relativize(modelFile.normalize());
                break;
            }
        }
        List<String> out = new ArrayList<>();
        for (Path part : rel) out.add(part.toString());
        String last = out.remove(out.size() - 1);
        int dot = last.lastIndexOf('.');
        out.add(dot < 0 ? last : last.substring(0, dot));
        return out;
    }

    private static List<String> strings(Object v) {
        if (v instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return v == null ? List.of() : List.of(String.valueOf(v));
    }
}
