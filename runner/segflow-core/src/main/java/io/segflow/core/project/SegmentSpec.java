package io.segflow.core.project;

import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A segmentation from segments/*.yml, kept close to its YAML: {@code body} holds all keys of the
 * definition (already type-checked against the JSON schema); {@code positions} maps dotted key paths
 * inside the definition (e.g. "rules.0.when") to where they are written, for positioned errors.
 */
public record SegmentSpec(String name, String type, Path file, Map<String, Object> body,
                          Map<String, SourcePosition> positions, List<TestSpec> tests, SourcePosition position) {
    public SegmentSpec {
        body = Map.copyOf(body);
        positions = Map.copyOf(positions);
        tests = List.copyOf(tests);
    }

    public String uniqueId() {
        return "segment." + name;
    }

    /** Suffix of the key path under which a quoted scalar's text start (after the quote) is kept in {@code positions}. */
    public static final String TEXT = "#text";

    public SourcePosition positionOf(String keyPath) {
        return positions.getOrDefault(keyPath, position);
    }

    /** Where the text of the value at {@code keyPath} starts: after its opening quote, if it has one. */
    public SourcePosition textPositionOf(String keyPath) {
        SourcePosition text = positions.get(keyPath + TEXT);
        return text != null ? text : positionOf(keyPath);
    }
}
