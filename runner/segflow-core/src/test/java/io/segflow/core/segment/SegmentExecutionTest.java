package io.segflow.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.execute.ExecuteOptions;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.ProjectExecutor;
import io.segflow.core.execute.RunListener;
import io.segflow.core.execute.Targets;
import io.segflow.core.graph.NodeSelector;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds features, segments and segment tests of a small project on an in-memory DuckDB, twice. */
class SegmentExecutionTest {
    @TempDir
    Path dir;

    @Test
    void buildRunsSegmentsAndTheirTests() throws Exception {
        SegmentProjects.write(dir, """
                segments:
                  - name: value
                    type: rules
                    from: customers
                    export: true
                    rules:
                      - {name: vip, when: "revenue > 1000"}
                      - {name: active, when: "orders_count > 0"}
                    else: dormant
                    tests:
                      - min_size: 1
                      - max_share: 0.4
                      - max_share: {max: 0.2, severity: warn}
                      - exclusive
                      - exhaustive
                      - stability: 0.9
                      - expected_members:
                          given:
                            customers:
                              - {customer_id: 1, revenue: 5000, orders_count: 3}
                              - {customer_id: 2, revenue: 10, orders_count: 1}
                              - {customer_id: 3}
                          expect:
                            - {entity_id: 1, segment: vip}
                            - {entity_id: 2, segment: active}
                            - {entity_id: 3, segment: dormant}
                      - expected_members:
                          given:
                            customers: fixtures/customers.csv
                          expect:
                            - {entity_id: 7, segment: vip}
                  - name: rfm
                    type: rfm
                    from: orders
                    amount: revenue
                    analysis_date: "2024-12-31"
                    bins: 2
                    segments:
                      - {name: best, recency: 2, frequency: 2}
                    else: rest
                    tests: [exclusive, exhaustive]
                """);
        Files.createDirectories(dir.resolve("fixtures"));
        Files.writeString(dir.resolve("fixtures/customers.csv"), "customer_id,revenue,orders_count,country\n7,2000.5,4,DE\n");
        CompiledProject cp = SegmentProjects.compile(dir);
        TargetConfig config = new TargetConfig("t", "duckdb", Map.of("path", ":memory:"), dir);
        try (WarehouseAdapter adapter = Targets.factory("duckdb").open(config)) {
            adapter.execute("create schema raw");
            adapter.execute("create table raw.customers as select * from (values (1, 'a', 5000.0, 3, 'DE'), "
                    + "(2, 'b', 10.0, 1, 'FR'), (3, 'c', 0.0, 0, 'DE'), (4, 'd', 20.0, 2, 'IT')) "
                    + "t(customer_id, email, revenue, orders_count, country)");
            adapter.execute("create table raw.orders as select * from (values (1, 1, date '2024-12-01', 10.0), "
                    + "(2, 1, date '2024-12-20', 15.0), (3, 2, date '2024-01-01', 5.0), (4, 4, date '2024-06-01', 9.0)) "
                    + "t(order_id, customer_id, order_date, revenue)");

            // max_share: 0.4 fails (active holds 50%) and has severity error: nothing of "value" is published
            Map<String, NodeResult> blocked = build(cp, adapter, "run0", false);
            NodeResult value = blocked.get("segment.value");
            assertEquals("ERROR", value.status().name(), value.toString());
            assertTrue(value.message().startsWith("blocked") && value.message().contains("test value_max_share: 1 groups "
                    + "above 40.0%"), value.message());
            assertEquals("SKIPPED", blocked.get("test.value_min_size").status().name());
            assertEquals("SUCCESS", blocked.get("segment.rfm").status().name());
            assertTrue(adapter.describe(io.segflow.spi.RelationName.of("segments", "value_members")).isEmpty());
            assertTrue(adapter.describe(io.segflow.spi.RelationName.of("segments", "value_export")).isEmpty());
            assertEquals(List.of("blocked|test value_max_share: 1 groups above 40.0% of 4 entities: active (50.0%)"),
                    rows(adapter, "select status, reason from segments.segflow_runs where segmentation = 'value'"));

            // forced: published past the failing test, which then reports on what was published
            Map<String, NodeResult> first = build(cp, adapter, "run1", true);
            assertTrue(first.get("segment.value").message().contains("published with --force past test value_max_share"),
                    first.get("segment.value").message());
            assertEquals(List.of("run1|forced"), rows(adapter, "select run_id, status from segments.segflow_runs "
                    + "where segmentation = 'value' and status <> 'blocked'"));
            assertEquals("WARN", first.get("segment.value").status().name(), first.toString());
            assertEquals(4, first.get("segment.value").rows());
            assertEquals("PASS", first.get("test.value_min_size").status().name());
            assertEquals("FAIL", first.get("test.value_max_share").status().name(), first.get("test.value_max_share").message());
            assertEquals("WARN", first.get("test.value_max_share_2").status().name());
            assertEquals("PASS", first.get("test.value_exclusive").status().name());
            assertEquals("PASS", first.get("test.value_exhaustive").status().name());
            assertEquals("PASS", first.get("test.value_stability").status().name());
            assertEquals("PASS", first.get("test.value_expected_members").status().name(),
                    first.get("test.value_expected_members").message());
            assertEquals("PASS", first.get("test.value_expected_members_2").status().name(),
                    first.get("test.value_expected_members_2").message());
            assertEquals("PASS", first.get("test.rfm_exhaustive").status().name());
            assertEquals(List.of("1|best", "2|rest", "4|rest"),
                    rows(adapter, "select entity_id, segment from segments.rfm_members order by 1"));
            // min_segment_size is 2 in this project: the single-member groups are not exported
            assertEquals(List.of("2|active", "4|active"),
                    rows(adapter, "select entity_id, segment from segments.value_export order by 1"));

            adapter.execute("update raw.customers set revenue = 2000 where customer_id = 4");
            Map<String, NodeResult> second = build(cp, adapter, "run2", true);
            assertTrue(second.get("segment.value").message().contains("1 moved"), second.get("segment.value").message());
            // the blocking stability check ran on the staged membership, before publishing
            assertTrue(second.get("segment.value").message().contains("test value_stability: 1 run below stability 0.9: "
                    + "agreement 0.750; transitions {\"active\":{\"active\":1,\"vip\":1}"), second.get("segment.value").message());
            NodeResult stability = second.get("test.value_stability");
            assertEquals("FAIL", stability.status().name(), stability.message());
            assertTrue(stability.message().contains("agreement 0.750"), stability.message());
            assertTrue(stability.message().contains("\"active\":{\"active\":1,\"vip\":1}"), stability.message());

            Map<String, NodeResult> third = build(cp, adapter, "run3", true);
            assertEquals("unchanged", third.get("segment.value").message().split("; ")[0].replace("3 groups, ", ""));
            assertEquals("PASS", third.get("test.value_stability").status().name());
        }
    }

    static Map<String, NodeResult> build(CompiledProject cp, WarehouseAdapter adapter, String runId, boolean force) {
        List<String> selected = ProjectExecutor.withAttachedTests(cp, NodeSelector.select(cp.dag(), List.of(), List.of()), java.util.Set.of());
        ExecuteOptions options = new ExecuteOptions(1, false, true, true, true, force);
        ProjectExecutor ex = new ProjectExecutor(cp, adapter);
        Map<String, NodeResult> out = new TreeMap<>();
        ex.execute(ex.plan(selected, options, runId), options, RunListener.NONE).forEach(r -> out.put(r.id(), r));
        return out;
    }

    static List<String> rows(WarehouseAdapter adapter, String sql) {
        List<String> out = new java.util.ArrayList<>();
        try (RowStream rs = adapter.query(sql)) {
            while (rs.hasNext()) {
                Object[] r = rs.next();
                out.add(r[0] + "|" + r[1]);
            }
        }
        return out;
    }
}
