package io.segflow.core.segment;

import io.segflow.core.project.SegmentSpec;
import io.segflow.core.sql.DialectCompiler;
import io.segflow.core.sql.ValidatedSql;
import java.util.List;
import org.apache.calcite.sql.SqlDialect;

/**
 * A segmentation validated once: its plan and the validated membership and profile queries (null when the plan
 * has a run-time step, or no profile). {@link #emit} gives the segment for one dialect.
 */
public record ValidatedSegment(SegmentSpec spec, SegmentPlan plan, ValidatedSql membership, ValidatedSql profile,
                               List<SegmentTest> tests) {
    public ValidatedSegment {
        tests = List.copyOf(tests);
    }

    public String id() {
        return spec.uniqueId();
    }

    public CompiledSegment emit(SqlDialect dialect) {
        String compiled = membership == null ? null : DialectCompiler.compile(membership, dialect);
        String compiledProfile = profile == null ? null : DialectCompiler.compile(profile, dialect);
        return of(compiled, compiledProfile);
    }

    /** The segment with its SQL already emitted for one dialect (e.g. taken from the compile cache). */
    public CompiledSegment of(String compiled, String compiledProfile) {
        String hash = SegmentCompiler.sha256(spec.type() + "\n" + plan.definition() + "\n" + (compiled == null ? "" : compiled));
        return new CompiledSegment(spec.uniqueId(), spec.name(), spec.type(), spec, plan, compiled, compiledProfile, hash,
                tests);
    }
}
