package io.segflow.cli;

import io.segflow.core.compile.CompiledNode;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.execute.ExecuteOptions;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.NodeStatus;
import io.segflow.core.execute.ProjectExecutor;
import io.segflow.core.graph.GraphNode;
import io.segflow.core.graph.NodeKind;
import io.segflow.core.graph.NodeSelector;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.PlannedChecks;
import io.segflow.core.segment.SegmentTest;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.state.Deferral;
import io.segflow.core.state.MembershipDiff;
import io.segflow.core.state.StateManifest;
import io.segflow.spi.RelationName;
import io.segflow.spi.WarehouseAdapter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what a change would do before it ships: build the nodes modified since --state (default "
                + "target/, the last run) and everything downstream into a scratch schema, reading the rest from "
                + "production; run their tests there; compare each affected segmentation's new membership with the "
                + "published one. Writes target/plan.json and target/plan.md, drops the scratch schema, changes "
                + "nothing in production. Exit 1 when a changed node does not build or a --fail-on gate trips.")
final class PlanCommand extends ProjectCommand {
    @Mixin
    SelectionOptions selection;

    @Option(names = "--fail-on", paramLabel = "GATE", arity = "1",
            description = "Exit 1 when a segmentation trips the gate, e.g. moved_share>0.2 (metrics: moved_share, "
                    + "changed_share, entered, exited, moved, failed_tests). Repeatable.")
    List<String> failOn = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Nodes built in parallel (default: 1).")
    int threads = 1;

    @Override
    int run(Workspace ws) {
        List<PlanGate> gates = PlanGate.parse(failOn);
        if (selection.state == null) selection.state = ws.project().targetDir();
        StateManifest production = selection.previous();
        CompiledProject cp = ws.compile();
        List<String> modified = NodeSelector.select(cp.dag(), List.of("state:modified"), selection.exclude,
                selection.comparison(cp));
        List<String> chosen = selection.select.isEmpty()
                ? NodeSelector.select(cp.dag(), List.of("state:modified+"), selection.exclude, selection.comparison(cp))
                : selection.ids(cp);
        Set<String> affected = new LinkedHashSet<>(chosen);
        for (String id : chosen) affected.addAll(cp.dag().descendants(id));
        List<String> ordered = cp.dag().topologicalOrder().stream().map(GraphNode::id).filter(affected::contains).toList();

        String schema = "segflow_plan_" + RunLikeCommand.runId(Instant.now()).toLowerCase(Locale.ROOT).replace('-', '_');
        Map<String, RelationName> placement = new java.util.TreeMap<>(Deferral.parents(cp, ordered, production));
        for (String id : ordered) {
            CompiledNode n = cp.nodes().get(id);
            if (n != null) placement.put(n.name(), RelationName.of(schema, n.relation().schema() + "__" + n.relation().name()));
        }
        CompiledProject planned = ws.compile(Deferral.place(ws.project(), placement));
        WarehouseAdapter adapter = ws.adapter();
        Thread dropOnKill = new Thread(() -> dropQuietly(adapter, schema));
        Runtime.getRuntime().addShutdownHook(dropOnKill);
        try {
            adapter.createSchemaIfMissing(schema);
            console.info("planning " + ordered.size() + " nodes in scratch schema " + schema + " against " + production.dir());
            List<String> buildable = ordered.stream().filter(id -> planned.nodes().containsKey(id) || planned.tests().containsKey(id)).toList();
            ExecuteOptions options = new ExecuteOptions(threads, true, false, true, true, false);
            ProjectExecutor executor = new ProjectExecutor(planned, adapter);
            List<NodeResult> built = buildable.isEmpty() ? List.of()
                    : executor.execute(executor.plan(buildable, options, schema), options, console);
            Set<String> failed = new java.util.HashSet<>();
            built.stream().filter(r -> r.status().isFailure() || r.status() == NodeStatus.SKIPPED).forEach(r -> failed.add(r.id()));
            List<PlanReport.Segment> segments = new ArrayList<>();
            for (String id : ordered) {
                CompiledSegment s = planned.segments().get(id);
                if (s != null) segments.add(segment(planned, adapter, s, schema, failed));
            }
            PlanReport report = report(schema, production, modified, built, segments, gates);
            report.write(ws.project().targetDir());
            report.table().forEach(console::print);
            console.info("wrote target/plan.json and target/plan.md");
            report.trippedGates().forEach(g -> console.error("gate tripped: " + g));
            List<String> broken = built.stream().filter(r -> r.status() == NodeStatus.ERROR).map(NodeResult::id).toList();
            if (!broken.isEmpty()) console.error("the change does not build: " + String.join(", ", broken));
            return report.trippedGates().isEmpty() && broken.isEmpty() ? OK : FAILURES;
        } finally {
            dropQuietly(adapter, schema);
            try {
                Runtime.getRuntime().removeShutdownHook(dropOnKill);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
    }

    private PlanReport.Segment segment(CompiledProject planned, WarehouseAdapter adapter, CompiledSegment s, String schema,
                                       Set<String> failed) {
        if (s.compiledSql() == null) {
            return new PlanReport.Segment(s.id(), s.name(), null, List.of(), "not planned: runs a model step at build time");
        }
        List<String> broken = planned.dag().ancestors(s.id()).stream().filter(failed::contains).toList();
        if (!broken.isEmpty()) {
            return new PlanReport.Segment(s.id(), s.name(), null, List.of(), "not planned: " + String.join(", ", broken) + " failed");
        }
        RelationName scratch = RelationName.of(schema, s.name() + "_members");
        adapter.replaceTable(scratch, "select * from (" + s.compiledSql() + ") m");
        RelationName published = new MembershipTables(MembershipTables.DEFAULT_SCHEMA, s.name()).members();
        MembershipDiff diff = MembershipDiff.compare(adapter, published, scratch, s.plan().multiMembership());
        List<PlannedChecks.Result> tests = new ArrayList<>();
        for (SegmentTest t : s.tests()) tests.add(PlannedChecks.run(t, s, planned, adapter, scratch, diff.asStaged()));
        return new PlanReport.Segment(s.id(), s.name(), diff, tests, null);
    }

    private static PlanReport report(String schema, StateManifest production, List<String> modified, List<NodeResult> built,
                                     List<PlanReport.Segment> segments, List<PlanGate> gates) {
        PlanReport draft = new PlanReport(schema, production.dir().toString(), modified, built, segments, List.of());
        List<String> tripped = new ArrayList<>();
        for (PlanGate g : gates) {
            if (g.metric().equals("failed_tests")) {
                if (g.trips(draft.failedTests())) tripped.add(g + " (" + draft.failedTests() + " failed tests)");
                continue;
            }
            for (PlanReport.Segment s : segments) {
                double v = s.metric(g.metric());
                if (s.diff() != null && g.trips(v)) tripped.add(g + " in " + s.name() + " (" + (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v)) + ")");
            }
        }
        return new PlanReport(schema, production.dir().toString(), modified, built, segments, tripped);
    }

    private static void dropQuietly(WarehouseAdapter adapter, String schema) {
        try {
            adapter.dropSchemaIfExists(schema);
        } catch (RuntimeException ignored) {
            // best effort: a closed connection during shutdown cannot drop anything more
        }
    }
}
