package io.segflow.core.execute;

import io.segflow.core.compile.CompiledNode;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.CompiledSeed;
import io.segflow.core.compile.CompiledTest;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.SegmentAction;
import io.segflow.core.segment.SegmentTest;
import io.segflow.core.segment.SegmentTestAction;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the selected part of a compiled project into scheduled actions and runs them against a
 * warehouse. Tests of a feature run right after it and, when they fail, block everything downstream
 * (like {@code dbt build}). Extra actions (segments, models) can be appended by callers.
 */
public final class ProjectExecutor {
    private final CompiledProject project;
    private final WarehouseAdapter adapter;

    public ProjectExecutor(CompiledProject project, WarehouseAdapter adapter) {
        this.project = project;
        this.adapter = adapter;
    }

    /** Actions for the selected node ids (features, segments and tests; other ids are ignored). */
    public List<NodeAction> plan(List<String> selectedIds, ExecuteOptions options) {
        return plan(selectedIds, options, java.util.UUID.randomUUID().toString());
    }

    /** Like {@link #plan(List, ExecuteOptions)}; segment runs are recorded under {@code runId}. */
    public List<NodeAction> plan(List<String> selectedIds, ExecuteOptions options, String runId) {
        Set<String> selected = new LinkedHashSet<>(selectedIds);
        List<NodeAction> actions = new ArrayList<>();
        Map<String, Boolean> schemasReady = new ConcurrentHashMap<>();
        java.time.Instant runStarted = java.time.Instant.now();
        for (String id : selectedIds) {
            CompiledSeed seed = project.seeds().get(id);
            if (seed != null && options.loadSeeds()) actions.add(new SeedAction(seed, adapter));
            CompiledNode node = project.nodes().get(id);
            if (node != null && options.buildNodes()) {
                Set<String> waits = new HashSet<>(node.dependsOn());
                if (options.runTests()) waits.addAll(testsOf(node.dependsOn(), selected));
                io.segflow.core.project.SnapshotSpec snapshot = project.project().feature(node.name())
                        .map(io.segflow.core.project.Feature::snapshot).orElse(null);
                actions.add(snapshot != null ? new SnapshotAction(node, snapshot, adapter, waits, schemasReady, runStarted)
                        : new FeatureAction(node, adapter, options.fullRefresh(), waits, schemasReady));
            }
            CompiledTest test = project.tests().get(id);
            if (test != null && options.runTests()) actions.add(new TestAction(test, adapter));
            CompiledSegment segment = project.segments().get(id);
            if (segment != null && options.buildNodes()) {
                Set<String> waits = new HashSet<>(segment.plan().dependsOn());
                if (options.runTests()) waits.addAll(testsOf(segment.plan().dependsOn(), selected));
                actions.add(new SegmentAction(segment, project, adapter, runId, options.force(), waits));
            }
            for (CompiledSegment s : project.segments().values()) {
                for (SegmentTest t : s.tests()) {
                    if (!t.id().equals(id) || !options.runTests()) continue;
                    Set<String> waits = options.buildNodes() ? Set.of(s.id()) : Set.of();
                    actions.add(new SegmentTestAction(t, s, project, adapter, waits));
                }
            }
        }
        return actions;
    }

    public List<NodeResult> execute(List<NodeAction> actions, ExecuteOptions options, RunListener listener) {
        return Scheduler.run(actions, options.threads(), listener);
    }

    /** As {@link #execute(List, ExecuteOptions, RunListener)}; {@code failFast} stops at the first failure. */
    public List<NodeResult> execute(List<NodeAction> actions, ExecuteOptions options, RunListener listener,
                                    boolean failFast) {
        return Scheduler.run(actions, options.threads(), listener, failFast);
    }

    private Set<String> testsOf(Set<String> parents, Set<String> selected) {
        Set<String> out = new HashSet<>();
        for (CompiledTest t : project.tests().values()) {
            if (selected.contains(t.id()) && t.attachedTo() != null && parents.contains(t.attachedTo())) {
                out.add(t.id());
            }
        }
        return out;
    }

    /**
     * dbt-style indirect test selection: tests whose every dependency is selected join the selection, and tests
     * of an excluded node leave it (a test chosen by name on its own still runs).
     */
    public static List<String> withAttachedTests(CompiledProject cp, List<String> selected, Set<String> excluded) {
        Set<String> chosen = new LinkedHashSet<>(selected);
        for (CompiledTest t : cp.tests().values()) {
            Set<String> deps = new HashSet<>(t.dependsOn());
            deps.removeIf(d -> d.startsWith("source."));
            boolean attachedSelected = t.attachedTo() != null && chosen.contains(t.attachedTo());
            if ((attachedSelected || !deps.isEmpty()) && chosen.containsAll(deps)) chosen.add(t.id());
            boolean attachedExcluded = t.attachedTo() != null && excluded.contains(t.attachedTo());
            if (attachedExcluded || deps.stream().anyMatch(excluded::contains)) chosen.remove(t.id());
        }
        // a segment's tests follow the segment into the selection, and out of it when it is excluded
        for (CompiledSegment s : cp.segments().values()) {
            if (chosen.contains(s.id())) s.tests().forEach(t -> chosen.add(t.id()));
            if (excluded.contains(s.id())) s.tests().forEach(t -> chosen.remove(t.id()));
        }
        List<String> out = new ArrayList<>();
        cp.dag().topologicalOrder().forEach(n -> { if (chosen.contains(n.id())) out.add(n.id()); });
        return out;
    }
}
