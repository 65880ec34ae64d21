package io.segflow.core.execute;

/** Progress callbacks; called from worker threads, so implementations must be thread-safe. */
public interface RunListener {
    default void started(int total) {
    }

    default void nodeStarted(int index, int total, String id) {
    }

    void nodeFinished(int index, int total, NodeResult result);

    RunListener NONE = (i, t, r) -> { };
}
