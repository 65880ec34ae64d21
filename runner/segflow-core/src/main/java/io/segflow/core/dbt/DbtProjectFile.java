package io.segflow.core.dbt;

import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.ProjectConfig;
import io.segflow.core.project.YamlFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * {@code dbt_project.yml} read as the project file of a folder that has no segflow_project.yml: model-paths are
 * the feature paths, seed-, macro-, test- and snapshot-paths mean what they mean in dbt, {@code vars} are project
 * variables and the {@code models:} block holds folder-level configs ({@link FolderConfigs}). Keys segflow does not
 * support are positioned warnings (when ignoring them changes nothing the project builds) or errors.
 */
public final class DbtProjectFile {
    public static final String FILE = "dbt_project.yml";
    private static final Set<String> IGNORED = Set.of("config-version", "require-dbt-version", "clean-targets",
            "log-path", "packages-install-path", "docs-paths", "asset-paths", "query-comment", "flags", "dispatch");
    private static final Set<String> WARNED = Set.of("analysis-paths", "quoting", "seeds", "snapshots", "tests",
            "data_tests", "sources", "exposures", "metrics", "semantic-models", "saved-queries", "restrict-access");
    private static final Set<String> REFUSED = Set.of("on-run-start", "on-run-end");

    private final YamlFile file;
    private final ProjectConfig config;
    private final FolderConfigs folders;

    private DbtProjectFile(YamlFile file, ProjectConfig config, FolderConfigs folders) {
        this.file = file;
        this.config = config;
        this.folders = folders;
    }

    /** A dbt project: dbt_project.yml and no segflow_project.yml beside it. */
    public static boolean isDbtProject(Path root, String segflowProjectFile) {
        return !Files.isRegularFile(root.resolve(segflowProjectFile)) && Files.isRegularFile(root.resolve(FILE));
    }

    /** Reads {@code root/dbt_project.yml}; empty when it cannot be parsed (reported). */
    public static Optional<DbtProjectFile> read(Path root, Diagnostics diags) {
        Optional<YamlFile> parsed = YamlFile.parse(root.resolve(FILE), Path.of(FILE), diags);
        if (parsed.isEmpty()) return Optional.empty();
        YamlFile f = parsed.get();
        Node n = f.root();
        checkKeys(f, diags);
        String name = YamlFile.string(n, "name", root.getFileName() == null ? "project" : root.getFileName().toString());
        Map<String, Object> vars = new LinkedHashMap<>();
        if (YamlFile.get(n, "vars").map(YamlFile::toJava).orElse(null) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                // vars scoped to this project ({vars: {jaffle_shop: {...}}}) are read as if written at the top
                if (String.valueOf(k).equals(name) && v instanceof Map<?, ?> scoped) scoped.forEach((k2, v2) -> vars.put(String.valueOf(k2), v2));
                else vars.put(String.valueOf(k), v);
            });
        }
        List<String> models = paths(n, "model-paths", "models");
        ProjectConfig config = new ProjectConfig(name, YamlFile.string(n, "version", null),
                YamlFile.string(n, "profile", name), models, List.of("segments"), paths(n, "macro-paths", "macros"),
                paths(n, "test-paths", "tests"), paths(n, "seed-paths", "seeds"), YamlFile.string(n, "target-path", "target"),
                "main", "view", vars, 0, null, f.pos(n));
        Node modelConfigs = YamlFile.get(YamlFile.get(n, "models").orElse(null), name).orElse(null);
        return Optional.of(new DbtProjectFile(f, config, new FolderConfigs(f, modelConfigs, models, diags)));
    }

    public ProjectConfig config() {
        return config;
    }

    public FolderConfigs folders() {
        return folders;
    }

    /** dbt's snapshot-paths (default [snapshots]). */
    public List<String> snapshotPaths() {
        return paths(file.root(), "snapshot-paths", "snapshots");
    }

    /**
     * The config with dbt's target schema: the {@code schema} setting of the profile's default target, else
     * {@code main} (dbt-duckdb's default).
     */
    public ProjectConfig withTargetSchema(Object targetSchema) {
        String schema = targetSchema == null ? config.schema() : String.valueOf(targetSchema);
        return new ProjectConfig(config.name(), config.version(), config.profile(), config.featurePaths(),
                config.segmentPaths(), config.macroPaths(), config.testPaths(), config.seedPaths(), config.targetPath(),
                schema, config.defaultMaterialized(), config.vars(), config.minSegmentSize(), config.registryPath(),
                config.position());
    }

    private static List<String> paths(Node n, String key, String dflt) {
        List<String> list = YamlFile.stringList(n, key);
        return list.isEmpty() ? List.of(dflt) : list;
    }

    private static void checkKeys(YamlFile f, Diagnostics diags) {
        if (!(f.root() instanceof MappingNode map)) return;
        Set<String> read = Set.of("name", "version", "profile", "model-paths", "seed-paths", "macro-paths",
                "test-paths", "snapshot-paths", "target-path", "vars", "models");
        for (NodeTuple t : map.getValue()) {
            String key = YamlFile.scalarText(t.getKeyNode());
            if (key == null || read.contains(key) || IGNORED.contains(key)) continue;
            SourcePosition at = f.pos(t.getKeyNode());
            if (REFUSED.contains(key)) {
                diags.error(ErrorCode.UNSUPPORTED_FEATURE, at, "'" + key + "' hooks are not supported",
                        "run these statements outside segflow; see docs/dbt.md");
            } else if (WARNED.contains(key)) {
                diags.warning(ErrorCode.UNSUPPORTED_FEATURE, at, "'" + key + "' in dbt_project.yml is not supported and is ignored",
                        "see docs/dbt.md for what segflow reads");
            } else {
                diags.warning(ErrorCode.UNKNOWN_KEY, at, "unknown key '" + key + "' in dbt_project.yml is ignored", null);
            }
        }
    }
}
