package io.segflow.core.segment;

import io.segflow.core.execute.NodeAction;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.NodeStatus;
import io.segflow.core.segment.store.MembershipStore;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.RunSummary;
import io.segflow.spi.WarehouseAdapter;
import java.time.Instant;
import java.util.Set;

/** Materialises one segmentation: runs its run-time step if any, then writes membership with history. */
public final class SegmentAction implements NodeAction {
    private final CompiledSegment segment;
    private final WarehouseAdapter adapter;
    private final String runId;
    private final int minSegmentSize;
    private final Set<String> waitsFor;
    private volatile RunSummary summary;

    public SegmentAction(CompiledSegment segment, WarehouseAdapter adapter, String runId, int minSegmentSize,
                         Set<String> waitsFor) {
        this.segment = segment;
        this.adapter = adapter;
        this.runId = runId;
        this.minSegmentSize = minSegmentSize;
        this.waitsFor = Set.copyOf(waitsFor);
    }

    @Override
    public String id() {
        return segment.id();
    }

    @Override
    public String name() {
        return segment.name();
    }

    @Override
    public Set<String> waitsFor() {
        return waitsFor;
    }

    /** The summary of the last successful run of this action, or null. */
    public RunSummary summary() {
        return summary;
    }

    @Override
    public NodeResult run() {
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        MembershipTables tables = new MembershipTables(MembershipTables.DEFAULT_SCHEMA, segment.name());
        MembershipStore store = new MembershipStore(adapter, tables, segment.plan().multiMembership());
        try {
            store.prepare();
            String sql = segment.compiledSql() != null ? segment.compiledSql()
                    : segment.plan().runtime().membershipSql(adapter,
                    new SegmentRunContext(runId, startedAt, segment.name(), tables.scratch()));
            RunSummary s = store.write(sql, runId, startedAt, segment.definitionHash());
            int floor = segment.minSize(minSegmentSize);
            if (segment.export()) store.writeExportView(floor);
            summary = s;
            long small = s.sizes().values().stream().filter(n -> n < floor).count();
            String msg = s.sizes().size() + " groups, " + (s.changed() ? s.entered() + " entered, " + s.exited()
                    + " exited, " + s.moved() + " moved" : "unchanged")
                    + (small > 0 ? "; " + small + " below min size " + floor : "");
            return new NodeResult(segment.id(), segment.name(), NodeStatus.SUCCESS, "segment:" + segment.type(),
                    adapter.render(tables.members()), s.totalMembers(), (System.nanoTime() - start) / 1e9, msg);
        } catch (RuntimeException e) {
            try {
                store.recordFailure(runId, startedAt, segment.definitionHash());
            } catch (RuntimeException ignored) {
                e.addSuppressed(ignored);
            }
            throw e;
        }
    }
}
