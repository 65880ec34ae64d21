package io.segflow.core.graph;

import java.util.Set;

/** Answers {@code state:<criterion>} selectors (modified, new, modified.body, ...) against a previous run. */
public interface StateMatcher {
    /** Ids matching {@code criterion}; throws a positioned diagnostic for an unknown criterion. */
    Set<String> matching(String criterion);
}
