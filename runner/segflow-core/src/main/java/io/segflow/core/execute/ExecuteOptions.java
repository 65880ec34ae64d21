package io.segflow.core.execute;

/** {@code buildNodes}: materialise features; {@code runTests}: run data tests; tests block downstream nodes. */
public record ExecuteOptions(int threads, boolean fullRefresh, boolean buildNodes, boolean runTests) {
    public ExecuteOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
    }
}
