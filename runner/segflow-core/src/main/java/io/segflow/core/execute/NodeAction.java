package io.segflow.core.execute;

import java.util.Set;

/**
 * One unit of scheduled work (build a feature, run a test, materialise a segment). It may start once all
 * {@code waitsFor} actions finished; if any of them failed or was skipped it is skipped.
 */
public interface NodeAction {
    String id();

    String name();

    Set<String> waitsFor();

    NodeResult run();
}
