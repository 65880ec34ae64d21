package io.segflow.core.segment;

import io.segflow.spi.RelationName;
import java.time.Instant;

/** What a run-time step knows about the current run; {@code scratch} is a free table name for its own use. */
public record SegmentRunContext(String runId, Instant startedAt, String segmentation, RelationName scratch) {
}
