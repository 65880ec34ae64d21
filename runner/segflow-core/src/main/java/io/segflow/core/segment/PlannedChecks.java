package io.segflow.core.segment;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.segment.store.StagedMembership;
import io.segflow.spi.RelationName;
import io.segflow.spi.WarehouseAdapter;

/** A segment test run on a membership that is not published (e.g. one `segflow plan` built in its scratch schema). */
public final class PlannedChecks {
    /** Offending groups / entities / pairs of one test, and what they are. */
    public record Result(String testId, String kind, String severity, long failures, String message) {
        public boolean fails() {
            return failures > 0 && !"warn".equals(severity);
        }
    }

    private PlannedChecks() {
    }

    public static Result run(SegmentTest test, CompiledSegment segment, CompiledProject project, WarehouseAdapter adapter,
                             RelationName membership, StagedMembership compared) {
        SegmentChecks.Outcome o = SegmentChecks.staged(segment, project, adapter, membership, compared).run(test);
        return new Result(test.id(), test.kind(), test.severity(), o.failures(), o.message());
    }
}
