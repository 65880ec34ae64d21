package io.segflow.core.segment;

import io.segflow.core.diagnostic.SourcePosition;
import java.util.Map;

/** A test of one segmentation (min_size, max_share, exclusive, exhaustive, stability, expected_members). */
public record SegmentTest(String id, String segmentation, String kind, Map<String, Object> args, String severity,
                          SourcePosition position) {
    public SegmentTest {
        args = Map.copyOf(args);
    }

    public boolean warnOnly() {
        return "warn".equals(severity);
    }
}
