package io.segflow.core.segment;

import io.segflow.core.project.SegmentSpec;
import java.util.List;

/**
 * A segmentation after compile. {@code compiledSql} is the membership query in the target dialect (null
 * when the plan has a run-time step); {@code compiledProfileSql} likewise for the profile query (may be null).
 * {@code definitionHash} changes whenever the definition or its generated SQL changes.
 */
public record CompiledSegment(String id, String name, String type, SegmentSpec spec, SegmentPlan plan,
                              String compiledSql, String compiledProfileSql, String definitionHash,
                              List<SegmentTest> tests) {
    public CompiledSegment {
        tests = List.copyOf(tests);
    }

    /** True when an export view excluding groups below the privacy floor is wanted ({@code export: true}). */
    public boolean export() {
        return Boolean.TRUE.equals(spec.body().get("export"));
    }

    /** The privacy floor of this segmentation: its {@code min_size} or the project's min_segment_size. */
    public int minSize(int projectDefault) {
        Object v = spec.body().get("min_size");
        return v instanceof Number n ? n.intValue() : projectDefault;
    }
}
