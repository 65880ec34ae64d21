package io.segflow.experiment;

import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.ExperimentSpec;
import io.segflow.duckdb.DuckDbAdapterFactory;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Experiments built in code for tests, and an in-memory DuckDB. */
final class TestExperiments {
    private TestExperiments() {
    }

    static ExperimentSpec spec(String name) {
        return new ExperimentSpec(name, Path.of("experiments/test.yml"), Map.of(), Map.of(),
                SourcePosition.of(Path.of("experiments/test.yml")).at(2, 5));
    }

    static Experiment experiment(String name, String segmentation, List<String> groups, Map<String, Double> arms,
                                 Experiment.Stratify stratify, Experiment.Outcome outcome) {
        return new Experiment(name, segmentation, groups, arms, "control", name, LocalDate.of(2024, 1, 1), null,
                stratify, Experiment.DEFAULT_SRM_THRESHOLD, null, outcome, spec(name));
    }

    static WarehouseAdapter duckdb() {
        return new DuckDbAdapterFactory().open(new TargetConfig("test", "duckdb", Map.of(), null));
    }
}
