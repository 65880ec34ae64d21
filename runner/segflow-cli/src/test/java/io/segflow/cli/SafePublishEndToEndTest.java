package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write-audit-publish through the CLI on the example project (generated data, embedded DuckDB): an unchanged
 * re-build changes no segmentation, an emptied source is blocked by a guard without touching any segment table,
 * {@code --force} publishes anyway, and no scratch, staging or training relation is left behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SafePublishEndToEndTest {
    private static final int CUSTOMERS = 1500;
    private static final int SEGMENTATIONS = 7;

    @TempDir
    static Path tmp;
    static Path project;

    @Test
    @Order(1)
    void unchangedDataRebuildsWithoutChangingAnySegmentation() throws Exception {
        project = CliRunner.copyExample(tmp.resolve("shop"), CUSTOMERS);
        CliRunner.Result first = CliRunner.run(project, "build");
        assertEquals(0, first.code(), first.all());
        assertNoLeftovers();
        CliRunner.Result second = CliRunner.run(project, "build");
        assertEquals(0, second.code(), second.all());
        assertNoLeftovers();
        List<List<String>> last = rows("select segmentation, status, cast(changed as varchar) from segments.segflow_runs "
                + "where run_id = (select max(run_id) from segments.segflow_runs) order by segmentation");
        assertEquals(SEGMENTATIONS, last.size(), last.toString());
        for (List<String> run : last) assertEquals(List.of(run.get(0), "success", "false"), run, last.toString());
    }

    @Test
    @Order(2)
    void emptiedSourceIsBlockedAndEverySegmentTableStaysAsItWas() throws Exception {
        Map<String, List<List<String>>> before = segmentTables();
        assertTrue(before.size() >= SEGMENTATIONS * 4, before.keySet().toString());
        execute("delete from raw.orders");

        CliRunner.Result r = CliRunner.run(project, "build");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("ERROR segment.rfm: blocked, the published membership is unchanged: guard not_empty"),
                r.out());
        assertTrue(r.out().contains("(publish anyway with --force)"), r.out());
        // a model segment refuses the same way, before training on nothing
        assertTrue(r.out().contains("ERROR segment.customer_ltv: blocked, the published membership is unchanged: guard "
                + "not_empty"), r.out());
        Map<String, List<List<String>>> after = segmentTables();
        assertEquals(before.keySet(), after.keySet());
        for (String table : before.keySet()) assertEquals(before.get(table), after.get(table), table);
        List<List<String>> blocked = rows("select segmentation, reason from segments.segflow_runs where status = 'blocked' "
                + "order by segmentation");
        assertTrue(blocked.contains(List.of("rfm", "guard not_empty: the input \"analytics\".\"stg_orders\" has no rows")),
                blocked.toString());
        assertNoLeftovers();
    }

    @Test
    @Order(3)
    void forcePublishesPastTheGuardsAndRecordsTheRunAsForced() throws Exception {
        CliRunner.Result r = CliRunner.run(project, "build", "--select", "segment.rfm", "--force");
        assertTrue(r.out().contains("published with --force past guard not_empty"), r.out());
        assertEquals(0, scalar("select count(*) from segments.rfm_members"));
        assertEquals(List.of(List.of("forced")), rows("select status from segments.segflow_runs where segmentation = "
                + "'rfm' and run_id = (select max(run_id) from segments.segflow_runs)"));
        String reason = rows("select reason from segments.segflow_runs where segmentation = 'rfm' and status = 'forced'")
                .get(0).get(0);
        assertTrue(reason.contains("guard not_empty") && reason.contains("guard min_size: 0 members, fewer than 1")
                && reason.contains("guard max_change: 100.0%"), reason);
        assertNoLeftovers();
    }

    /** No scratch or staging table and no training schema anywhere in the warehouse. */
    private static void assertNoLeftovers() throws SQLException {
        List<List<String>> relations = rows("select table_schema || '.' || table_name from information_schema.tables "
                + "order by 1");
        List<String> names = relations.stream().map(r -> r.get(0)).toList();
        assertTrue(names.stream().noneMatch(n -> n.contains("__scratch") || n.contains("__staging")), names.toString());
        List<String> schemas = rows("select schema_name from information_schema.schemata order by 1").stream()
                .map(r -> r.get(0)).toList();
        assertTrue(schemas.stream().noneMatch(s -> s.contains("__train_")), schemas.toString());
        assertTrue(schemas.contains("segments") && names.contains("segments.rfm_members"), names.toString());
        // one segmentation's relations: the history is a view over the ended memberships and the members
        assertEquals(List.of(List.of("rfm_changes", "BASE TABLE"), List.of("rfm_export", "VIEW"), List.of("rfm_history", "VIEW"),
                List.of("rfm_history_closed", "BASE TABLE"), List.of("rfm_members", "BASE TABLE")),
                rows("select table_name, table_type from information_schema.tables where table_schema = 'segments' "
                        + "and table_name like 'rfm%' order by 1"));
    }

    /** Every table and view of the segments schema but the audit table, row by row in a fixed order. */
    private static Map<String, List<List<String>>> segmentTables() throws SQLException {
        Map<String, List<List<String>>> out = new TreeMap<>();
        for (List<String> t : rows("select table_name from information_schema.tables where table_schema = 'segments' "
                + "and table_name <> 'segflow_runs'")) {
            out.put(t.get(0), rows("select * from segments.\"" + t.get(0) + "\" order by all"));
        }
        return out;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:" + project.resolve("target/dev.duckdb"));
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long scalar(String sql) throws SQLException {
        return Long.parseLong(rows(sql).get(0).get(0));
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) row.add(rs.getString(i));
                out.add(row);
            }
        }
        return out;
    }
}
