package io.segflow.experiment.bench;

import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.ExperimentSpec;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.duckdb.DuckDbAdapterFactory;
import io.segflow.experiment.AssignmentSql;
import io.segflow.experiment.AssignmentStore;
import io.segflow.experiment.AssignmentTables;
import io.segflow.experiment.Experiment;
import io.segflow.experiment.GlobalHoldout;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Experiment assignment on embedded DuckDB (bench/run.sh assign [entities]): the first run (everyone new) and a
 * re-run after 10% of the members moved group and 5% new ones arrived, each against the bare hash query
 * (CREATE TABLE AS SELECT of the arms, no stickiness, history or checks) measured in the same run, best of 3.
 */
public final class AssignmentBenchmark {
    private AssignmentBenchmark() {
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        Map<String, Double> arms = new LinkedHashMap<>();
        arms.put("control", 0.2);
        arms.put("treatment", 0.8);
        ExperimentSpec spec = new ExperimentSpec("bench", Path.of("experiments/bench.yml"), Map.of(), Map.of(),
                SourcePosition.of(Path.of("experiments/bench.yml")));
        Experiment e = new Experiment("bench", "seg", List.of("a", "b"), arms, "control", "bench", LocalDate.of(2024, 1, 1),
                null, new Experiment.Stratify(Experiment.Stratify.Kind.GROUP, null, null, 0),
                Experiment.DEFAULT_SRM_THRESHOLD, null, null, spec);
        GlobalHoldout holdout = new GlobalHoldout(0.05, "gh");
        double baseline = Double.MAX_VALUE, first = Double.MAX_VALUE, rerun = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            try (WarehouseAdapter db = new DuckDbAdapterFactory().open(new TargetConfig("bench", "duckdb", Map.of(), null))) {
                db.createSchemaIfMissing("segments");
                db.execute("create table segments.seg_members as select i as entity_id, case i % 3 when 0 then 'a'"
                        + " when 1 then 'b' else 'c' end as segment from range(1, " + (n + 1) + ") t(i)");
                AssignmentSql sql = new AssignmentSql(StoreDialect.of(db), e, holdout, AssignmentTables.of("bench"),
                        new MembershipTables("segments", "seg").members(), null);
                long t0 = System.nanoTime();
                db.execute("create table main.bare as select entity_id, " + sql.armOf("entity_id")
                        + " as arm from segments.seg_members where segment in ('a', 'b')");
                baseline = Math.min(baseline, (System.nanoTime() - t0) / 1e9);
                AssignmentStore store = new AssignmentStore(db, e, holdout, null);
                t0 = System.nanoTime();
                store.assign(Instant.parse("2024-02-01T00:00:00Z"), "r1");
                first = Math.min(first, (System.nanoTime() - t0) / 1e9);
                db.execute("update segments.seg_members set segment = case segment when 'a' then 'b' when 'b' then 'c'"
                        + " else 'a' end where entity_id % 10 = 0");
                db.execute("insert into segments.seg_members select i, case i % 3 when 0 then 'a' when 1 then 'b'"
                        + " else 'c' end from range(" + (n + 1) + ", " + (n + n / 20 + 1) + ") t(i)");
                t0 = System.nanoTime();
                store.assign(Instant.parse("2024-03-01T00:00:00Z"), "r2");
                rerun = Math.min(rerun, (System.nanoTime() - t0) / 1e9);
            }
        }
        System.out.printf("entities %,d, best of 3: bare hash query %.2f s, first assignment %.2f s (%.2fx), "
                + "re-run with 10%% moved + 5%% new %.2f s (%.2fx)%n", n, baseline, first, first / baseline, rerun,
                rerun / baseline);
        System.out.printf(java.util.Locale.ROOT, "RESULT entities=%d baseline_s=%.3f first_s=%.3f first_ratio=%.2f "
                + "rerun_s=%.3f rerun_ratio=%.2f%n", n, baseline, first, first / baseline, rerun, rerun / baseline);
    }
}
