package io.segflow.core.state;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The sub-kinds of {@code state:modified.<kind>}: which part of a node's {@link NodeState} differs. */
public enum StateKind {
    BODY, CONFIG, VARS, MACROS, UPSTREAM_SCHEMA;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StateKind> of(String label) {
        return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(StateKind::label).toList();
    }

    boolean differs(NodeState was, NodeState now) {
        return switch (this) {
            case BODY -> !was.body().equals(now.body());
            case CONFIG -> !was.config().equals(now.config());
            case VARS -> !was.vars().equals(now.vars());
            case MACROS -> !was.macros().equals(now.macros());
            case UPSTREAM_SCHEMA -> !was.upstreamSchema().equals(now.upstreamSchema());
        };
    }
}
