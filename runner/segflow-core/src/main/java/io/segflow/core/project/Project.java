package io.segflow.core.project;

import io.segflow.core.diagnostic.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, immutable project. Every record keeps the position it was read from. {@code warnings} are what loading
 * found worth saying without refusing the project (e.g. a dbt feature segflow ignores).
 */
public record Project(Path root, ProjectConfig config, List<SourceTable> sources, List<Feature> features, List<Seed> seeds,
                      List<MacroFile> macros, List<SingularTest> singularTests, List<SegmentSpec> segments,
                      Map<String, TargetSpec> targets, String defaultTarget, List<ExperimentSpec> experiments,
                      List<Diagnostic> warnings) {
    /** A project without experiments or load warnings (experiments/*.yml are read only by the loader). */
    public Project(Path root, ProjectConfig config, List<SourceTable> sources, List<Feature> features, List<Seed> seeds,
                   List<MacroFile> macros, List<SingularTest> singularTests, List<SegmentSpec> segments,
                   Map<String, TargetSpec> targets, String defaultTarget) {
        this(root, config, sources, features, seeds, macros, singularTests, segments, targets, defaultTarget, List.of(),
                List.of());
    }

    public Project {
        warnings = List.copyOf(warnings);
        experiments = List.copyOf(experiments);
        sources = List.copyOf(sources);
        features = List.copyOf(features);
        seeds = List.copyOf(seeds);
        macros = List.copyOf(macros);
        singularTests = List.copyOf(singularTests);
        segments = List.copyOf(segments);
        targets = Map.copyOf(targets);
    }

    public Optional<Feature> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Optional<Seed> seed(String name) {
        return seeds.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<SourceTable> source(String source, String table) {
        return sources.stream().filter(s -> s.source().equals(source) && s.table().equals(table)).findFirst();
    }

    public Path targetDir() {
        return root.resolve(config.targetPath());
    }
}
