package io.segflow.core.execute;

/**
 * {@code loadSeeds}: load CSV seeds; {@code buildNodes}: materialise features; {@code runTests}: run data tests
 * (failing tests block downstream nodes).
 */
public record ExecuteOptions(int threads, boolean fullRefresh, boolean loadSeeds, boolean buildNodes,
                             boolean runTests) {
    public ExecuteOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
    }
}
