package io.segflow.audience;

import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.SegmentSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A nested part of a definition (e.g. {@code suppress.0}) seen as a definition of its own, so the
 * {@link io.segflow.core.segment.SegmentContext} helpers that read top-level keys (relations, columns, conditions)
 * report at the nested positions.
 */
final class Nested {
    private Nested() {
    }

    static SegmentSpec of(SegmentSpec spec, String path, Map<String, String> values) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, SourcePosition> positions = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v == null) return;
            body.put(k, v);
            positions.put(k, spec.positionOf(path + "." + k));
        });
        return new SegmentSpec(spec.name(), spec.type(), spec.file(), body, positions, List.of(),
                spec.positionOf(path));
    }
}
