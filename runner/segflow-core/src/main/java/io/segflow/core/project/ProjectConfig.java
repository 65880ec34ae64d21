package io.segflow.core.project;

import io.segflow.core.diagnostic.SourcePosition;
import java.util.List;
import java.util.Map;

/**
 * segflow_project.yml. {@code schema} is the default warehouse schema features are built into;
 * {@code minSegmentSize} is the privacy floor below which segments are flagged and not exported;
 * {@code registryPath} is where trained model versions are kept (null: the default, .segflow/registry).
 */
public record ProjectConfig(
        String name,
        String version,
        String profile,
        List<String> featurePaths,
        List<String> segmentPaths,
        List<String> macroPaths,
        List<String> testPaths,
        List<String> seedPaths,
        String targetPath,
        String schema,
        String defaultMaterialized,
        Map<String, Object> vars,
        int minSegmentSize,
        String registryPath,
        SourcePosition position) {

    public ProjectConfig {
        featurePaths = List.copyOf(featurePaths);
        segmentPaths = List.copyOf(segmentPaths);
        macroPaths = List.copyOf(macroPaths);
        testPaths = List.copyOf(testPaths);
        seedPaths = List.copyOf(seedPaths);
        vars = Map.copyOf(vars);
    }
}
