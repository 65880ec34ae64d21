package io.segflow.core.execute;

import java.time.Instant;
import java.util.List;

/** The results of one command, written to target/run_results.json. */
public record RunResults(String runId, String command, String target, Instant startedAt, double elapsedSeconds,
                         List<NodeResult> results) {
    public RunResults {
        results = List.copyOf(results);
    }

    public boolean hasFailures() {
        return results.stream().anyMatch(r -> r.status().isFailure());
    }

    public long count(NodeStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
