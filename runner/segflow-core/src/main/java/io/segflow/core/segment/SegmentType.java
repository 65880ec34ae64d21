package io.segflow.core.segment;

import io.segflow.core.project.SegmentSpec;
import java.util.Set;

/**
 * A kind of segmentation ({@code type:} in segments/*.yml), found with {@link java.util.ServiceLoader}
 * (META-INF/services/io.segflow.core.segment.SegmentType). Core ships {@code rules} and {@code rfm};
 * segflow-ml adds model-based types whose membership query only exists after a run-time step
 * (see {@link SegmentPlan#runtime()}).
 */
public interface SegmentType {
    /** The {@code type:} value this implementation handles, e.g. "rules". */
    String name();

    /** Keys of a definition this type understands, besides the common ones (name, type, tests, ...). */
    Set<String> keys();

    /**
     * Validates the definition and plans its membership query. Problems go to
     * {@link SegmentContext#error} with positions from {@link SegmentSpec#positionOf(String)};
     * return null when the definition cannot be planned.
     */
    SegmentPlan plan(SegmentSpec spec, SegmentContext ctx);

    /**
     * True when the plan reads other segmentations' published membership ({@link SegmentContext#segmentation}):
     * such definitions are planned after every other segmentation, and their membership tables are in the catalog.
     */
    default boolean readsSegmentations() {
        return false;
    }
}
