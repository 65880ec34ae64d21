package io.segflow.core.execute;

/**
 * What happened to one node. {@code rows} is the row count of a built relation or the number of failing
 * rows of a test; {@code materialization} is view/table/incremental/merge or "test".
 */
public record NodeResult(String id, String name, NodeStatus status, String materialization, String relation,
                         long rows, double seconds, String message) {
}
