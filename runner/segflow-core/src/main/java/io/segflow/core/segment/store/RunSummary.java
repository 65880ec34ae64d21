package io.segflow.core.segment.store;

import java.util.Map;

/**
 * What one segment run did. {@code agreement} is the share of the previous run's memberships kept
 * (null on the first run); {@code transitions} counts (previous group -> new group), "(none)" for
 * entities that entered or left.
 */
public record RunSummary(String runId, String segmentation, long totalMembers, Map<String, Long> sizes, boolean changed,
                         Double agreement, Map<String, Map<String, Long>> transitions, long entered, long exited,
                         long moved) {
    public RunSummary {
        sizes = Map.copyOf(sizes);
        transitions = Map.copyOf(transitions);
    }
}
