package io.segflow.cli;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.NodeStatus;
import io.segflow.core.execute.RunListener;
import io.segflow.experiment.AssignmentStore;
import io.segflow.experiment.Experiment;
import io.segflow.experiment.ExperimentDefinitions;
import io.segflow.spi.WarehouseAdapter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The assignment step of {@code build} and {@code run}: after the DAG has published the segmentations, every
 * experiment whose segmentation was published in this run is assigned (sticky, SRM-checked, like
 * {@code segflow experiment assign}) and reported as a node {@code experiment.<name>}. A post-run step rather than a
 * DAG node kind, because experiments are not compiled nodes (they live beside the project's nodes in
 * {@code experiments/*.yml}) and their only upstream is a segmentation's published membership.
 */
final class ExperimentStep {
    static final String KIND = "experiment";

    private final CompiledProject cp;
    private final WarehouseAdapter adapter;
    private final List<Experiment> experiments;
    private final ExperimentDefinitions.Definitions defs;

    private ExperimentStep(CompiledProject cp, WarehouseAdapter adapter, ExperimentDefinitions.Definitions defs) {
        this.cp = cp;
        this.adapter = adapter;
        this.defs = defs;
        this.experiments = defs.experiments();
    }

    static ExperimentStep of(CompiledProject cp, WarehouseAdapter adapter) {
        return new ExperimentStep(cp, adapter, ExperimentDefinitions.of(cp));
    }

    int size() {
        return experiments.size();
    }

    /** A listener that counts the experiments in the run's total, so their progress lines continue the DAG's. */
    RunListener counting(RunListener inner) {
        int extra = experiments.size();
        return new RunListener() {
            @Override
            public void started(int total) {
                inner.started(total + extra);
            }

            @Override
            public void nodeStarted(int index, int total, String id) {
                inner.nodeStarted(index, total + extra, id);
            }

            @Override
            public void nodeFinished(int index, int total, NodeResult result) {
                inner.nodeFinished(index, total + extra, result);
            }
        };
    }

    /** Assigns each experiment after the DAG's {@code results}; reports and returns one result per experiment. */
    List<NodeResult> run(List<NodeResult> results, Instant at, String runId, boolean force, RunListener listener) {
        List<NodeResult> out = new ArrayList<>();
        int total = results.size() + experiments.size();
        for (Experiment e : experiments) {
            long start = System.nanoTime();
            NodeResult r;
            try {
                r = assign(e, results, at, runId, force, start);
            } catch (DiagnosticException ex) {
                r = result(e, NodeStatus.FAIL, 0, start, ex.diagnostics().get(0).message());
            } catch (RuntimeException ex) {
                r = result(e, NodeStatus.ERROR, 0, start, String.valueOf(ex.getMessage()));
            }
            out.add(r);
            listener.nodeFinished(results.size() + out.size(), total, r);
        }
        return out;
    }

    private NodeResult assign(Experiment e, List<NodeResult> results, Instant at, String runId, boolean force,
                              long start) {
        Optional<NodeResult> segment = results.stream().filter(r -> r.id().equals("segment." + e.segmentation())).findFirst();
        if (segment.isEmpty()) {
            return result(e, NodeStatus.SKIPPED, 0, start, "segmentation '" + e.segmentation()
                    + "' is not in this run's selection");
        }
        if (segment.get().status().isFailure() || segment.get().status() == NodeStatus.SKIPPED) {
            return result(e, NodeStatus.SKIPPED, 0, start, "segmentation '" + e.segmentation()
                    + "' was not published in this run" + (segment.get().message() == null ? ""
                    : ": " + segment.get().message()));
        }
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        if (e.start() != null && day.isBefore(e.start()) || e.stop() != null && day.isAfter(e.stop())) {
            return result(e, NodeStatus.SKIPPED, 0, start, "run day " + day + " is outside the experiment's window "
                    + (e.start() == null ? "" : e.start()) + ".." + (e.stop() == null ? "" : e.stop()));
        }
        AssignmentStore store = new AssignmentStore(adapter, e, defs.holdout(), ExperimentCommand.feature(cp, e));
        AssignmentStore.RunResult a = store.assign(at, runId, force);
        String msg = "assigned " + a.targeted() + ", new " + a.entered();
        if (a.status().equals("forced")) {
            // a forced publish is a warning, so that the check it overrode is printed
            return result(e, NodeStatus.WARN, a.targeted(), start, msg + "; published with --force past a sample-ratio"
                    + " mismatch: " + a.srm().describe());
        }
        return result(e, NodeStatus.SUCCESS, a.targeted(), start, msg);
    }

    private NodeResult result(Experiment e, NodeStatus status, long rows, long start, String message) {
        String relation = adapter.render(io.segflow.experiment.AssignmentTables.of(e.name()).assignments());
        return new NodeResult(KIND + "." + e.name(), e.name(), status, KIND, relation, rows,
                (System.nanoTime() - start) / 1e9, message);
    }

    /** How many of {@code experimentIds} a run of {@code nodeIds} assigns again (their segmentation is among them). */
    static long assignedWith(CompiledProject cp, List<String> experimentIds, List<String> nodeIds) {
        return ExperimentDefinitions.of(cp).experiments().stream()
                .filter(e -> experimentIds.contains(KIND + "." + e.name()) && nodeIds.contains("segment." + e.segmentation()))
                .count();
    }

    /** The run's day: the {@code as_of_date} var (--vars, then the project's) when it is a date, else now. */
    static Instant runDay(Map<String, Object> cliVars, Map<String, Object> projectVars) {
        Object v = cliVars.containsKey("as_of_date") ? cliVars.get("as_of_date") : projectVars.get("as_of_date");
        if (v == null) return Instant.now();
        try {
            return LocalDate.parse(String.valueOf(v)).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
