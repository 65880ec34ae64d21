package io.segflow.experiment;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assigns an experiment's targeted population to arms (write, audit, publish, like segment membership): the
 * population is staged with stored arms kept and new entrants hashed, the arm counts after the run are checked for
 * a sample-ratio mismatch, and only then are the new assignments and history rows published in one transaction.
 * A mismatch leaves the live tables as they were and fails with SF612.
 */
public final class AssignmentStore {
    /** {@code status}: assigned, not_started (before start: nothing assigned) or stopped (after stop: no new entrants). */
    public record RunResult(String experiment, String status, long entered, long targeted, SampleRatio.Result srm) {
    }

    private final WarehouseAdapter adapter;
    private final Experiment experiment;
    private final AssignmentTables tables;
    private final AssignmentSql sql;
    private final io.segflow.spi.RelationName members;

    public AssignmentStore(WarehouseAdapter adapter, Experiment experiment, GlobalHoldout holdout,
                           AssignmentSql.FeatureRelation feature) {
        this.adapter = adapter;
        this.experiment = experiment;
        this.tables = AssignmentTables.of(experiment.name());
        this.members = new MembershipTables(MembershipTables.DEFAULT_SCHEMA, experiment.segmentation()).members();
        this.sql = new AssignmentSql(StoreDialect.of(adapter), experiment, holdout, tables, members, feature);
    }

    public AssignmentTables tables() {
        return tables;
    }

    public AssignmentSql sql() {
        return sql;
    }

    public RunResult assign(Instant at, String runId) {
        return assign(at, runId, false);
    }

    /**
     * With {@code force} a sample-ratio mismatch is published anyway and the result's status is "forced" (the run
     * that overrode the check says so, like a forced segment publish).
     */
    public RunResult assign(Instant at, String runId, boolean force) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        boolean started = experiment.start() == null || !day.isBefore(experiment.start());
        boolean stopped = experiment.stop() != null && day.isAfter(experiment.stop());
        requireMembers();
        boolean exists = adapter.describe(tables.assignments()).isPresent();
        if (!started && !exists) {
            return new RunResult(experiment.name(), "not_started", 0, 0, SampleRatio.check(experiment.arms(), Map.of(),
                    experiment.srmThreshold()));
        }
        adapter.createSchemaIfMissing(tables.schema());
        adapter.dropIfExists(tables.staging());
        adapter.replaceTable(tables.staging(), sql.stage(exists, started && !stopped));
        for (String ddl : sql.createTables()) adapter.execute(ddl);
        long entered = 0;
        long targeted = 0;
        try (RowStream rows = adapter.query("select " + adapter.quote("is_new") + ", count(*) from "
                + adapter.render(tables.staging()) + " group by " + adapter.quote("is_new"))) {
            while (rows.hasNext()) {
                Object[] r = rows.next();
                long n = ((Number) r[1]).longValue();
                targeted += n;
                if (((Number) r[0]).intValue() == 1) entered = n;
            }
        }
        SampleRatio.Result srm = SampleRatio.check(experiment.arms(), armCounts(), experiment.srmThreshold());
        if (srm.mismatch() && !force) {
            adapter.execute(sql.dropStaging());
            throw new DiagnosticException(Diagnostic.error(ErrorCode.SAMPLE_RATIO_MISMATCH,
                    experiment.spec().positionOf("arms"), "experiment '" + experiment.name()
                            + "': sample-ratio mismatch, assignment not published: " + srm.describe(),
                    "were the arm shares or the salt changed while it ran? Stored arms are sticky, so new shares"
                            + " only apply to new entrants; start a new experiment (new name or salt) instead"));
        }
        adapter.executeAtomically(sql.publish(runId, at));
        adapter.execute(sql.dropStaging());
        String status = srm.mismatch() ? "forced" : !started ? "not_started" : stopped ? "stopped" : "assigned";
        return new RunResult(experiment.name(), status, entered,
                targeted, srm);
    }

    /** Stratum to arm to count over the stored assignments plus the staged new ones. */
    private Map<String, Map<String, Long>> armCounts() {
        return counts(sql.armCountsAfterRun());
    }

    /** Stratum to arm to count of the published assignments (for `segflow experiment check`). */
    public Map<String, Map<String, Long>> publishedCounts() {
        if (adapter.describe(tables.assignments()).isEmpty()) return new TreeMap<>();
        String cols = adapter.quote("arm") + ", " + adapter.quote("stratum");
        return counts("select " + cols + ", count(*) from " + adapter.render(tables.assignments()) + " group by " + cols);
    }

    /** Rows (arm, stratum, count) by stratum, then arm. */
    private Map<String, Map<String, Long>> counts(String query) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        try (RowStream rows = adapter.query(query)) {
            while (rows.hasNext()) {
                Object[] r = rows.next();
                out.computeIfAbsent(String.valueOf(r[1]), k -> new LinkedHashMap<>())
                        .merge(String.valueOf(r[0]), ((Number) r[2]).longValue(), Long::sum);
            }
        }
        return out;
    }

    private void requireMembers() {
        if (adapter.describe(members).isPresent()) return;
        throw new DiagnosticException(Diagnostic.error(ErrorCode.EXPERIMENT_TARGET, experiment.spec().positionOf("segment"),
                "experiment '" + experiment.name() + "' targets segmentation '" + experiment.segmentation()
                        + "', which has not been built on this target", "run `segflow build` first"));
    }

    /** Entities in the targeted groups now. */
    public long populationSize() {
        requireMembers();
        try (RowStream rows = adapter.query(sql.populationSize())) {
            return rows.hasNext() ? ((Number) rows.next()[0]).longValue() : 0;
        }
    }
}
