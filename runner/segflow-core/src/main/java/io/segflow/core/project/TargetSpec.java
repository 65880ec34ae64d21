package io.segflow.core.project;

import io.segflow.core.diagnostic.SourcePosition;
import java.util.Map;

/**
 * One named target in profiles.yml before Jinja rendering: values may still hold
 * {@code {{ env_var('...') }}} (secrets must come only that way).
 */
public record TargetSpec(String name, String type, Map<String, Object> settings, SourcePosition position) {
    public TargetSpec {
        settings = Map.copyOf(settings);
    }
}
