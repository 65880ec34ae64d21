package io.segflow.core.segment;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.execute.NodeAction;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.NodeStatus;
import io.segflow.spi.WarehouseAdapter;
import java.util.Set;

/**
 * Runs one segment test against the published membership tables (or, for {@code expected_members}, against
 * fixtures on an in-memory DuckDB). The result's {@code rows} is the number of offending groups / entities / pairs.
 * Tests with severity error have already blocked the run before publishing (see {@link SegmentAction}); this node
 * reports them, and the warnings, on what was published.
 */
public final class SegmentTestAction implements NodeAction {
    private final SegmentTest test;
    private final CompiledSegment segment;
    private final CompiledProject project;
    private final WarehouseAdapter adapter;
    private final Set<String> waitsFor;

    public SegmentTestAction(SegmentTest test, CompiledSegment segment, CompiledProject project, WarehouseAdapter adapter,
                             Set<String> waitsFor) {
        this.test = test;
        this.segment = segment;
        this.project = project;
        this.adapter = adapter;
        this.waitsFor = Set.copyOf(waitsFor);
    }

    @Override
    public String id() {
        return test.id();
    }

    @Override
    public String name() {
        return test.id().substring("test.".length());
    }

    @Override
    public Set<String> waitsFor() {
        return waitsFor;
    }

    @Override
    public NodeResult run() {
        long start = System.nanoTime();
        SegmentChecks.Outcome c = SegmentChecks.published(segment, project, adapter).run(test);
        NodeStatus status = c.failures() == 0 ? NodeStatus.PASS : test.warnOnly() ? NodeStatus.WARN : NodeStatus.FAIL;
        return new NodeResult(test.id(), name(), status, "test", null, c.failures(), (System.nanoTime() - start) / 1e9,
                c.message());
    }
}
