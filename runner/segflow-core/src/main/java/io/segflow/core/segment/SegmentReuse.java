package io.segflow.core.segment;

import io.segflow.core.project.SegmentSpec;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an earlier compile already knows of a segmentation (the compile cache), asked by {@link SegmentCompiler}
 * from several threads at once.
 */
public interface SegmentReuse {
    SegmentReuse NONE = (spec, replan, segmentationsRead) -> Optional.empty();

    /**
     * The segmentation as an earlier compile validated it, if nothing it reads changed. {@code segmentationsRead}
     * is what a type that reads other segmentations (audience sets) sees of them: their groups, members tables and
     * columns; empty for every other type. {@code replan} plans the run-time step again; call it only once the
     * step is used.
     */
    Optional<ValidatedSegment> reuse(SegmentSpec spec, Supplier<RuntimeStep> replan,
                                     Map<String, PublishedSegmentation> segmentationsRead);

    /**
     * Whether {@code spec} reads other segmentations, when an earlier compile of this very definition knows it:
     * deciding it otherwise loads the segment type (the model types live in segflow-ml).
     */
    default Optional<Boolean> readsSegmentations(SegmentSpec spec) {
        return Optional.empty();
    }
}
