package io.segflow.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.Targets;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guards a segmentation tunes under {@code guards:}, on a rules segment over an in-memory DuckDB. */
class PublishGuardsTest {
    @TempDir
    Path dir;

    private static final String SEGMENT = """
            segments:
              - name: value
                type: rules
                from: customers
                rules:
                  - {name: vip, when: "revenue > 1000"}
                else: other
            """;

    @Test
    void defaultsBlockAMoveOfMoreThanHalfAndATunedMaxChangeLetsItThrough() throws Exception {
        SegmentProjects.write(dir, SEGMENT);
        CompiledProject strict = SegmentProjects.compile(dir);
        assertEquals(PublishGuards.DEFAULTS, PublishGuards.of(strict.segments().get("segment.value").spec().body()));
        try (WarehouseAdapter adapter = open()) {
            customers(adapter, "(1, 'a', 5000.0, 1, 'DE'), (2, 'b', 10.0, 1, 'DE'), (3, 'c', 10.0, 1, 'DE'), "
                    + "(4, 'd', 10.0, 1, 'DE')");
            assertEquals("SUCCESS", SegmentExecutionTest.build(strict, adapter, "run1", false).get("segment.value")
                    .status().name());
            adapter.execute("update raw.customers set revenue = 2000 where customer_id in (2, 3, 4)");
            NodeResult blocked = SegmentExecutionTest.build(strict, adapter, "run2", false).get("segment.value");
            assertEquals("ERROR", blocked.status().name());
            assertTrue(blocked.message().contains("guard max_change: 75.0% of the previous 4 memberships would change "
                    + "(0 entered, 0 exited, 3 moved), more than 50.0%"), blocked.message());
            assertEquals(List.of("1|vip", "2|other", "3|other", "4|other"),
                    SegmentExecutionTest.rows(adapter, "select entity_id, segment from segments.value_members order by 1"));

            SegmentProjects.write(dir, SEGMENT + "    guards: {max_change: 0.8, min_size: 4}\n");
            CompiledProject tuned = SegmentProjects.compile(dir);
            assertEquals(new PublishGuards(true, 0.8, 4),
                    PublishGuards.of(tuned.segments().get("segment.value").spec().body()));
            assertEquals("SUCCESS", SegmentExecutionTest.build(tuned, adapter, "run3", false).get("segment.value")
                    .status().name());
            assertEquals(List.of("1|vip", "2|vip", "3|vip", "4|vip"),
                    SegmentExecutionTest.rows(adapter, "select entity_id, segment from segments.value_members order by 1"));

            adapter.execute("delete from raw.customers where customer_id = 4");
            NodeResult small = SegmentExecutionTest.build(tuned, adapter, "run4", false).get("segment.value");
            assertTrue(small.message().contains("guard min_size: 3 members, fewer than 4"), small.message());
            assertEquals(List.of("run1|success|null", "run2|blocked|guard max_change", "run3|success|null",
                    "run4|blocked|guard min_size"), SegmentExecutionTest.rows(adapter, "select run_id, status || '|' || "
                    + "coalesce(split_part(reason, ':', 1), 'null') from segments.segflow_runs order by run_id"));
        }
    }

    @Test
    void anUnknownGuardIsAPositionedError() {
        SegmentProjects.write(dir, SEGMENT + "    guards: {max_chnage: 0.8}\n");
        DiagnosticException e = org.junit.jupiter.api.Assertions.assertThrows(DiagnosticException.class,
                () -> SegmentProjects.compile(dir));
        assertTrue(e.getMessage().contains("max_chnage") && e.getMessage().contains("SF101"), e.getMessage());
    }

    private WarehouseAdapter open() {
        return Targets.factory("duckdb").open(new TargetConfig("t", "duckdb", Map.of("path", ":memory:"), dir));
    }

    private static void customers(WarehouseAdapter adapter, String rows) {
        adapter.execute("create schema raw");
        adapter.execute("create table raw.customers as select * from (values " + rows + ") "
                + "t(customer_id, email, revenue, orders_count, country)");
        adapter.execute("create table raw.orders (order_id bigint, customer_id bigint, order_date date, revenue double)");
    }
}
