package io.segflow.cli;

import io.segflow.core.compile.ArtifactWriter;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.execute.ExecuteOptions;
import io.segflow.core.execute.NodeAction;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.NodeStatus;
import io.segflow.core.execute.ProjectExecutor;
import io.segflow.core.execute.RunResults;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import io.segflow.core.state.Deferral;
import io.segflow.spi.RelationName;
import java.util.UUID;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Shared body of run, test and build: compile, select, execute, write artifacts, summarise. */
abstract class RunLikeCommand extends ProjectCommand {
    @Mixin
    SelectionOptions selection;

    @Option(names = "--threads", paramLabel = "N", description = "Nodes built in parallel (default: 1).")
    int threads = 1;

    @Option(names = "--full-refresh", description = "Rebuild incremental features from scratch.")
    boolean fullRefresh;

    @Option(names = "--force", description = "Publish segment memberships even when a guard (not_empty, max_change, "
            + "min_size) or an error-severity segment test blocks them; the run is recorded as forced.")
    boolean force;

    @Option(names = {"-x", "--fail-fast"}, description = "Stop at the first error or failing test: running nodes "
            + "finish, the rest are reported skipped (`segflow retry` picks them up).")
    boolean failFast;

    @Option(names = "--defer", description = "With --state DIR: features the selected nodes read but that are not "
            + "selected are read from the relations recorded in the state manifest (e.g. production) instead of built.")
    boolean defer;

    @Option(names = "--no-cache", description = "Recompile every node instead of reusing unchanged ones from "
            + "target/compile-cache/.")
    boolean noCache;

    abstract String commandName();

    /** A sortable, unique run id: UTC start time plus a random suffix, e.g. 20241231T020000Z-1a2b3c4d. */
    static String runId(Instant started) {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started)
                + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    abstract boolean loadSeeds();

    abstract boolean buildNodes();

    abstract boolean runTests();

    @Override
    int run(Workspace ws) {
        try (TargetLock lock = TargetLock.acquire(ws.project().targetDir(), ws.targetSpec().name(), commandName())) {
            return runLocked(ws);
        }
    }

    private int runLocked(Workspace ws) {
        Instant started = Instant.now();
        String runId = runId(started);
        ConnectionCheck.open(ws);
        selection.previous();
        if (ws.exampleDataMissing()) {
            // a misspelt selector should not wait for the example data to be generated first
            try {
                selection.ids(ws.compile());
            } catch (DiagnosticException e) {
                if (e.diagnostics().stream().anyMatch(d -> d.code() == ErrorCode.SELECTOR)) throw e;
            }
        }
        ws.ensureExampleData();
        CompiledProject cp = ws.compileForRun(!noCache);
        ArtifactWriter artifacts = ws.artifacts();

        List<String> selected = selection.ids(cp);
        if (defer) {
            if (selection.previous() == null) {
                console.error("--defer reads unselected upstream features from a previous run: pass --state DIR too");
                return PROJECT_ERROR;
            }
            Map<String, RelationName> deferred = Deferral.parents(cp, selected, selection.previous());
            deferred.forEach((name, rel) -> console.info("deferring " + name + " to " + rel));
            cp = ws.compile(Deferral.place(ws.project(), deferred));
        }
        artifacts.writeCompiled(cp);
        artifacts.writeManifest(cp);
        if (runTests()) {
            java.util.Set<String> excluded = new java.util.HashSet<>(selection.excludedIds(cp));
            selected = ProjectExecutor.withAttachedTests(cp, selected, excluded);
        }
        if (threads < 1) {
            console.error("--threads must be at least 1");
            return PROJECT_ERROR;
        }
        ExecuteOptions options = new ExecuteOptions(threads, fullRefresh, loadSeeds(), buildNodes(), runTests(), force);
        ProjectExecutor executor = new ProjectExecutor(cp, ws.adapter());
        List<NodeAction> actions = executor.plan(selected, options, runId);
        ExperimentStep experiments = buildNodes() ? ExperimentStep.of(cp, ws.adapter()) : null;
        io.segflow.core.execute.RunListener listener = experiments == null ? console : experiments.counting(console);
        List<NodeResult> results = executor.execute(actions, options, listener, failFast);
        if (experiments != null && experiments.size() > 0) {
            // after the DAG: assignment reads the segmentations' published membership (docs/experiments.md)
            results = new java.util.ArrayList<>(results);
            results.addAll(experiments.run(List.copyOf(results), ExperimentStep.runDay(ws.cliVars(),
                    ws.project().config().vars()), runId, force, console));
        }
        double elapsed = java.time.Duration.between(started, Instant.now()).toMillis() / 1000.0;
        RunResults rr = new RunResults(runId, commandName(), ws.targetSpec().name(), started, elapsed, results);
        artifacts.writeRunResults(rr);
        boolean afterRunFailed = false;
        if (buildNodes() && results.stream().anyMatch(r -> r.id().startsWith("segment.") && !r.status().isFailure()
                && r.status() != NodeStatus.SKIPPED)) {
            // the overlap matrix across all segment groups and the audiences' activation layout (segflow-audiences)
            try {
                io.segflow.audience.AfterRun.apply(cp, ws.adapter(), runId).forEach(console::info);
            } catch (RuntimeException e) {
                console.error("overlap matrix and activation layout not written: " + e.getMessage());
                afterRunFailed = true;
            }
        }
        summarise(rr);
        return rr.hasFailures() || afterRunFailed ? FAILURES : OK;
    }

    private void summarise(RunResults rr) {
        String summary = String.format("done in %.2fs: %d ok, %d passed, %d warned, %d failed, %d errors, %d skipped",
                rr.elapsedSeconds(), rr.count(NodeStatus.SUCCESS), rr.count(NodeStatus.PASS), rr.count(NodeStatus.WARN),
                rr.count(NodeStatus.FAIL), rr.count(NodeStatus.ERROR), rr.count(NodeStatus.SKIPPED));
        if (console.json()) {
            console.event(rr.hasFailures() ? "error" : "info", "run_finished", java.util.Map.of(
                    "run_id", rr.runId(), "elapsed_seconds", rr.elapsedSeconds(),
                    "failures", rr.count(NodeStatus.FAIL) + rr.count(NodeStatus.ERROR)));
            return;
        }
        console.info(summary);
        for (NodeResult r : rr.results()) {
            if (r.status().isFailure()) console.print("  " + r.status() + " " + r.id() + ": " + r.message());
        }
    }
}
