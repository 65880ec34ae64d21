package io.segflow.core.execute;

/** Outcome of one node: features succeed/error/skip; tests pass/fail/warn (or error when the SQL fails). */
public enum NodeStatus {
    SUCCESS, ERROR, SKIPPED, PASS, FAIL, WARN;

    public boolean isFailure() {
        return this == ERROR || this == FAIL;
    }
}
