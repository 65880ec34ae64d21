package io.segflow.core.project;

import io.segflow.core.diagnostic.SourcePosition;
import java.util.Map;

/**
 * A generic data test attached to a source, feature or column in YAML:
 * {@code not_null}, {@code unique}, {@code accepted_values}, {@code relationships}, {@code expression_is_true}.
 * {@code args} holds the test's arguments as parsed from YAML; {@code severity} is "error" or "warn".
 */
public record TestSpec(String kind, Map<String, Object> args, String severity, SourcePosition position) {
    public TestSpec {
        args = Map.copyOf(args);
    }
}
