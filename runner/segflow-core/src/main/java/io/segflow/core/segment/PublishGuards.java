package io.segflow.core.segment;

import java.util.Map;

/**
 * The checks every segmentation's new membership must pass before it replaces the live one, tuned under
 * {@code guards:} in its definition. {@code notEmpty}: the input relation has rows. {@code maxChange}: the share of
 * the previous run's memberships that enter, exit or move (not applied when nothing was published before).
 * {@code minSize}: the fewest members the new membership may have.
 */
public record PublishGuards(boolean notEmpty, double maxChange, long minSize) {
    public static final PublishGuards DEFAULTS = new PublishGuards(true, 0.5, 1);

    /** The guards of a segment definition's body (the JSON Schema has checked the types when the project loaded). */
    public static PublishGuards of(Map<String, Object> body) {
        if (!(body.get("guards") instanceof Map<?, ?> g)) return DEFAULTS;
        boolean notEmpty = g.get("not_empty") instanceof Boolean b ? b : DEFAULTS.notEmpty;
        double maxChange = g.get("max_change") instanceof Number n ? n.doubleValue() : DEFAULTS.maxChange;
        long minSize = g.get("min_size") instanceof Number n ? n.longValue() : DEFAULTS.minSize;
        return new PublishGuards(notEmpty, maxChange, minSize);
    }
}
