package io.segflow.core.execute;

/**
 * {@code loadSeeds}: load CSV seeds; {@code buildNodes}: materialise features; {@code runTests}: run data tests
 * (failing tests block downstream nodes); {@code force}: publish segment memberships even when a guard or an
 * error-severity segment test fails.
 */
public record ExecuteOptions(int threads, boolean fullRefresh, boolean loadSeeds, boolean buildNodes,
                             boolean runTests, boolean force) {
    public ExecuteOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
    }

    /** Options without {@code force}. */
    public ExecuteOptions(int threads, boolean fullRefresh, boolean loadSeeds, boolean buildNodes, boolean runTests) {
        this(threads, fullRefresh, loadSeeds, buildNodes, runTests, false);
    }
}
