package io.segflow.core.project;

import io.segflow.core.dbt.DbtProjectFile;
import io.segflow.core.dbt.DbtSnapshots;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/** The steps of loading a folder whose project file is dbt_project.yml that segflow projects do not need. */
final class DbtProjectLoading {
    private DbtProjectLoading() {
    }

    /** dbt's target schema is the profile's: the {@code schema} setting of the default target, else main. */
    static ProjectConfig withTargetSchema(DbtProjectFile dbt, Map<String, TargetSpec> targets, String defaultTarget) {
        TargetSpec target = defaultTarget == null ? null : targets.get(defaultTarget);
        return dbt.withTargetSchema(target == null ? null : target.settings().get("schema"));
    }

    /** Every model with the folder configs of dbt_project.yml under its own YAML config. */
    static List<Feature> withFolderConfigs(DbtProjectFile dbt, List<Feature> features,
                                           Map<String, PropertiesReader.FeatureProperties> properties, String targetSchema) {
        List<Feature> out = new ArrayList<>();
        for (Feature f : features) {
            PropertiesReader.FeatureProperties props = properties.get(f.name());
            Set<String> yamlKeys = configKeys(props == null ? null : props.node());
            FeatureConfig config = dbt.folders().apply(f.config(), yamlKeys, f.path(), targetSchema);
            boolean contract = yamlKeys.contains("contract") ? f.contractEnforced() : dbt.folders().contractEnforced(f.path());
            out.add(new Feature(f.name(), f.path(), f.sql(), config, f.description(), f.columns(), f.tests(),
                    f.propertiesPosition(), contract, f.snapshot()));
        }
        return out;
    }

    /** The snapshots under dbt's snapshot-paths, as features materialised as {@code snapshot}. */
    static List<Feature> snapshots(LoadContext ctx, DbtProjectFile dbt, ProjectConfig config, List<Feature> models) {
        List<Feature> out = new ArrayList<>();
        for (Path p : ctx.files(dbt.snapshotPaths(), ".sql")) {
            ctx.readText(p).ifPresent(text -> {
                for (Feature s : DbtSnapshots.read(p, text, config.schema(), ctx.diags())) {
                    boolean taken = models.stream().anyMatch(m -> m.name().equals(s.name()))
                            || out.stream().anyMatch(m -> m.name().equals(s.name()));
                    if (taken) {
                        ctx.diags().error(ErrorCode.DUPLICATE_NAME, SourcePosition.of(p).at(1, 1), "snapshot '" + s.name()
                                + "' has the name of another model or snapshot", "rename the snapshot");
                    } else {
                        out.add(s);
                    }
                }
            });
        }
        return out;
    }

    private static Set<String> configKeys(Node featureNode) {
        Set<String> keys = new LinkedHashSet<>();
        Node cfg = featureNode == null ? null : YamlFile.get(featureNode, "config").orElse(null);
        if (cfg instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) keys.add(YamlFile.scalarText(t.getKeyNode()));
        }
        return keys;
    }
}
