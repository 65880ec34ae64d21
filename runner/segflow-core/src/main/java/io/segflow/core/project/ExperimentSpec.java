package io.segflow.core.project;

import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.Map;

/**
 * One entry of {@code experiments:} (or the file's {@code global_holdout:}, named "global_holdout") from
 * experiments/*.yml, kept close to its YAML like {@link SegmentSpec}: {@code body} holds the schema-checked keys,
 * {@code positions} the dotted key paths for positioned errors. The experiments module gives it meaning.
 */
public record ExperimentSpec(String name, Path file, Map<String, Object> body, Map<String, SourcePosition> positions,
                             SourcePosition position) {
    public static final String GLOBAL_HOLDOUT = "global_holdout";

    public ExperimentSpec {
        body = Map.copyOf(body);
        positions = Map.copyOf(positions);
    }

    public boolean isGlobalHoldout() {
        return GLOBAL_HOLDOUT.equals(name);
    }

    public SourcePosition positionOf(String keyPath) {
        return positions.getOrDefault(keyPath, position);
    }
}
