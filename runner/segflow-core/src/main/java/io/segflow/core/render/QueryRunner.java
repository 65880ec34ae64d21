package io.segflow.core.render;

import java.util.List;

/**
 * Runs a query for {@code run_query()} and {@code {% call statement %}} while rendering: a live connection to the
 * target when the command has one ({@code segflow build/run}); absent when compiling offline.
 */
@FunctionalInterface
public interface QueryRunner {
    Result run(String sql);

    /** Column names and rows (values as JDBC returns them). */
    record Result(List<String> columns, List<List<Object>> rows) {
        public Result {
            columns = List.copyOf(columns);
            rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
        }
    }
}
