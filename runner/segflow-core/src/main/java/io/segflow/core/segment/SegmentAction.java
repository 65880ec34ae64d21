package io.segflow.core.segment;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.execute.NodeAction;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.NodeStatus;
import io.segflow.core.segment.store.MembershipStore;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.RunSummary;
import io.segflow.core.segment.store.StagedMembership;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Materialises one segmentation by write-audit-publish: runs its run-time step if any, stages the new membership,
 * runs the blocking checks on the staged result (the {@link PublishGuards} and the segment tests with severity
 * error) and only then publishes it with history. A failing check leaves every membership table as it was and
 * records the run as blocked, unless {@code force} is set (the run is then recorded as forced).
 */
public final class SegmentAction implements NodeAction {
    private final CompiledSegment segment;
    private final CompiledProject project;
    private final WarehouseAdapter adapter;
    private final String runId;
    private final int minSegmentSize;
    private final boolean force;
    private final Set<String> waitsFor;
    private volatile RunSummary summary;

    public SegmentAction(CompiledSegment segment, CompiledProject project, WarehouseAdapter adapter, String runId,
                         boolean force, Set<String> waitsFor) {
        this.segment = segment;
        this.project = project;
        this.adapter = adapter;
        this.runId = runId;
        this.minSegmentSize = project.project().config().minSegmentSize();
        this.force = force;
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

    /** The summary of the last published run of this action, or null. */
    public RunSummary summary() {
        return summary;
    }

    @Override
    public NodeResult run() {
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        MembershipTables tables = new MembershipTables(MembershipTables.DEFAULT_SCHEMA, segment.name());
        MembershipStore store = new MembershipStore(adapter, tables, segment.plan().multiMembership());
        PublishGuards guards = PublishGuards.of(segment.spec().body());
        try {
            store.prepare();
            String emptyInput = guards.notEmpty() ? emptyInput() : null;
            if (emptyInput != null && !force) {
                store.recordFailure(runId, startedAt, segment.definitionHash(), "blocked", emptyInput);
                return blocked(start, emptyInput);
            }
            String sql = segment.compiledSql() != null ? segment.compiledSql()
                    : segment.plan().runtime().membershipSql(adapter,
                    new SegmentRunContext(runId, startedAt, segment.name(), tables.scratch()));
            StagedMembership staged = store.stage(sql, runId, startedAt);
            List<String> failing = new ArrayList<>();
            if (emptyInput != null) failing.add(emptyInput);
            failing.addAll(failingChecks(guards, staged, tables));
            String reason = failing.isEmpty() ? null : String.join("; ", failing);
            if (reason != null && !force) {
                store.block(staged, runId, startedAt, segment.definitionHash(), reason);
                return blocked(start, reason);
            }
            RunSummary s = store.publish(staged, runId, startedAt, segment.definitionHash(),
                    reason == null ? "success" : "forced", reason);
            int floor = segment.minSize(minSegmentSize);
            if (segment.export()) store.writeExportView(floor);
            summary = s;
            long small = s.sizes().values().stream().filter(n -> n < floor).count();
            String msg = s.sizes().size() + " groups, " + (s.changed() ? s.entered() + " entered, " + s.exited()
                    + " exited, " + s.moved() + " moved" : "unchanged")
                    + (small > 0 ? "; " + small + " below min size " + floor : "")
                    + (reason == null ? "" : "; published with --force past " + reason);
            // a forced publish is a warning, so that the checks it overrode are printed
            return new NodeResult(segment.id(), segment.name(), reason == null ? NodeStatus.SUCCESS : NodeStatus.WARN,
                    "segment:" + segment.type(),
                    adapter.render(tables.members()), s.totalMembers(), (System.nanoTime() - start) / 1e9, msg);
        } catch (RuntimeException e) {
            try {
                store.recordFailure(runId, startedAt, segment.definitionHash(), "failed", e.getMessage());
            } catch (RuntimeException ignored) {
                e.addSuppressed(ignored);
            }
            throw e;
        } finally {
            cleanUp(store, tables);
        }
    }

    /** "guard not_empty: ..." when the segmentation's input relation has no rows, else null. */
    private String emptyInput() {
        if (segment.plan().population() == null) return null;
        try (RowStream rs = adapter.query("select count(*) from " + adapter.render(segment.plan().population()))) {
            long rows = ((Number) rs.next()[0]).longValue();
            return rows > 0 ? null : "guard not_empty: the input " + adapter.render(segment.plan().population())
                    + " has no rows";
        }
    }

    /** The failing guards and error-severity segment tests of the staged membership, described. */
    private List<String> failingChecks(PublishGuards guards, StagedMembership staged, MembershipTables tables) {
        List<String> out = new ArrayList<>();
        if (staged.total() < guards.minSize()) {
            out.add("guard min_size: " + staged.total() + " members, fewer than " + guards.minSize());
        }
        Double share = staged.changeShare();
        if (share != null && share > guards.maxChange()) {
            out.add(String.format(Locale.ROOT, "guard max_change: %.1f%% of the previous %d memberships would change "
                            + "(%d entered, %d exited, %d moved), more than %.1f%%", share * 100, staged.previous(),
                    staged.entered(), staged.exited(), staged.moved(), guards.maxChange() * 100));
        }
        SegmentChecks checks = SegmentChecks.staged(segment, project, adapter, tables.staging(), staged);
        for (SegmentTest t : segment.tests()) {
            if (t.warnOnly()) continue;
            SegmentChecks.Outcome o = checks.run(t);
            if (o.failures() > 0) out.add("test " + t.id().substring("test.".length()) + ": " + o.message());
        }
        return out;
    }

    private NodeResult blocked(long start, String reason) {
        return new NodeResult(segment.id(), segment.name(), NodeStatus.ERROR, "segment:" + segment.type(), null, 0,
                (System.nanoTime() - start) / 1e9, "blocked, the published membership is unchanged: " + reason
                + " (publish anyway with --force)");
    }

    /** The scratch and staging tables never outlive the run, whatever its outcome. */
    private void cleanUp(MembershipStore store, MembershipTables tables) {
        try {
            adapter.dropIfExists(tables.scratch());
            store.dropStaging();
        } catch (RuntimeException ignored) {
            // best effort: a broken connection already failed the run, and the next run drops both first
        }
    }
}
