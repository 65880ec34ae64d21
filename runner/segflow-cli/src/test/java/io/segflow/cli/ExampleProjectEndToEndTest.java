package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Runs the repository's example project from a temp copy through the CLI entry point, on embedded DuckDB. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExampleProjectEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CUSTOMERS = 2000;

    @TempDir
    static Path tmp;
    static Path project;

    static long scalar(Path dir, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("target/dev.duckdb"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Order(1)
    void compileNeedsNoWarehouseAndWritesArtifacts() throws Exception {
        project = CliRunner.copyExample(tmp.resolve("shop"), CUSTOMERS);
        CliRunner.Result r = CliRunner.run(project, "compile");
        assertEquals(0, r.code(), r.all());
        assertFalse(Files.exists(project.resolve("target/dev.duckdb")), "compile must not touch the warehouse");
        Path compiled = project.resolve("target/compiled/dev/features/marts/customer_features.sql");
        assertTrue(Files.exists(compiled), r.all());
        String sql = Files.readString(compiled);
        assertTrue(sql.contains("\"analytics\".\"customer_orders\""), sql);
        assertFalse(sql.contains("{{"), sql);
        JsonNode manifest = JSON.readTree(project.resolve("target/manifest.json").toFile());
        assertEquals("table", manifest.at("/nodes/feature.customer_features/materialized").asText());
        assertTrue(manifest.at("/nodes/feature.customer_features/depends_on").toString().contains("feature.customer_orders"));
        assertTrue(manifest.at("/nodes/feature.customer_features/source_lineage/total_revenue").toString()
                .contains("raw.orders.gross_amount"), manifest.at("/nodes/feature.customer_features/source_lineage").toString());
        assertTrue(manifest.at("/nodes/feature.customer_features/fingerprint").asText().matches("[0-9a-f]{64}"),
                manifest.at("/nodes/feature.customer_features").toString());
    }

    @Test
    @Order(2)
    void buildGeneratesDataBuildsEverythingAndRunsTests() throws Exception {
        CliRunner.Result r = CliRunner.run(project, "build");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("feature.customer_features"), r.out());
        assertEquals(CUSTOMERS, scalar(project, "select count(*) from analytics.customer_features"));
        assertEquals(CUSTOMERS, scalar(project, "select count(distinct customer_id) from analytics.customer_features"));
        JsonNode results = JSON.readTree(project.resolve("target/run_results.json").toFile());
        int features = 0;
        int tests = 0;
        int segments = 0;
        int experiments = 0;
        for (JsonNode n : results.get("results")) {
            String status = n.get("status").asText();
            if (n.get("unique_id").asText().startsWith("seed.")) {
                assertEquals("success", status, n.toString());
            } else if (n.get("unique_id").asText().startsWith("feature.")) {
                features++;
                assertEquals("success", status, n.toString());
            } else if (n.get("unique_id").asText().startsWith("segment.")) {
                segments++;
                assertEquals("success", status, n.toString());
            } else if (n.get("unique_id").asText().startsWith("experiment.")) {
                experiments++;
                assertEquals("success", status, n.toString()); // as_of_date 2024-12-31 is within winback_offer's window
            } else {
                tests++;
                assertTrue(status.equals("pass") || status.equals("warn"), n.toString());
            }
        }
        assertEquals(8, features);
        assertEquals(7, segments); // lifecycle, engagement_flags, rfm + the four model segments of segments/models.yml
        assertEquals(1, experiments); // winback_offer, assigned by the build (docs/experiments.md)
        assertEquals(10, scalar(project, "select count(*) from analytics.country_regions"));
        assertEquals(CUSTOMERS, scalar(project, "select count(*) from analytics.customer_features where region is not null"));
        assertTrue(tests >= 15, "tests run: " + tests);
        // rules segment with an else group: every customer is in exactly one group
        assertEquals(CUSTOMERS, scalar(project, "select count(distinct entity_id) from segments.lifecycle_members"));
        assertEquals(CUSTOMERS, scalar(project, "select count(*) from segments.lifecycle_members"));
        assertEquals(7, scalar(project, "select count(*) from segments.segflow_runs"));
        assertTrue(scalar(project, "select count(*) from segments.rfm_members") > 0);
    }

    @Test
    @Order(3)
    void segmentsRebuildUnchangedAndShowInLsAndReport() throws Exception {
        long history = scalar(project, "select count(*) from segments.lifecycle_history");
        CliRunner.Result r = CliRunner.run(project, "build", "--select", "segment.lifecycle");
        assertEquals(0, r.code(), r.all());
        assertEquals(history, scalar(project, "select count(*) from segments.lifecycle_history"));
        assertEquals(1, scalar(project, "select count(*) from segments.segflow_runs where segmentation = 'lifecycle' "
                + "and not changed"));
        CliRunner.Result ls = CliRunner.run(project, "ls", "segments");
        assertEquals(0, ls.code(), ls.all());
        assertTrue(ls.out().contains("lifecycle (rules): last run"), ls.out());
        assertTrue(ls.out().contains("never_bought"), ls.out());
        assertTrue(ls.out().contains("Can't Lose Them"), ls.out());
        CliRunner.Result report = CliRunner.run(project, "report");
        assertEquals(0, report.code(), report.all());
        String html = Files.readString(project.resolve("target/report.html"));
        assertTrue(html.contains("<svg") && html.contains("Can&#39;t Lose Them") && html.contains("total_revenue"), html);
        assertTrue(html.contains("R × F grid") && html.contains("Transitions in the last run"), html);
        assertEquals(html, Files.readString(project.resolve("target/docs/report/index.html")));
        JsonNode data = new ObjectMapper().readTree(project.resolve("target/report.json").toFile());
        JsonNode lifecycle = null;
        for (JsonNode s : data.get("segmentations").get("segmentations")) if (s.get("name").asText().equals("lifecycle")) lifecycle = s;
        // groups in definition order, shares of the whole population, history read from segflow_runs
        List<String> groups = new java.util.ArrayList<>();
        lifecycle.get("groups").forEach(g -> groups.add(g.get("name").asText()));
        assertEquals(List.of("new", "loyal", "active", "at_risk", "lapsed", "never_bought"), groups);
        assertEquals(scalar(project, "select count(*) from segments.segflow_runs where segmentation = 'lifecycle'"),
                lifecycle.get("history").get("runs").size());

        // excluding a node leaves its tests out too; a test selected by name still runs on its own
        CliRunner.Result excluded = CliRunner.run(project, "test", "--exclude", "lifecycle customer_orders");
        assertEquals(0, excluded.code(), excluded.all());
        assertFalse(excluded.out().contains("test.lifecycle_"), excluded.out());
        assertFalse(excluded.out().contains("test.unique_customer_orders_customer_id"), excluded.out());
        assertTrue(excluded.out().contains("test.unique_customer_features_customer_id"), excluded.out());
        CliRunner.Result single = CliRunner.run(project, "test", "--select", "assert_revenue_not_negative");
        assertEquals(0, single.code(), single.all());
        assertTrue(single.out().contains("test.assert_revenue_not_negative"), single.out());
    }

    @Test
    @Order(4)
    void secondBuildMergesIncrementallyAndKeepsRowCounts() throws Exception {
        long days = scalar(project, "select count(*) from analytics.daily_revenue");
        CliRunner.Result r = CliRunner.run(project, "run", "--select", "daily_revenue");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("incremental (merge)"), r.out());
        assertEquals(days, scalar(project, "select count(*) from analytics.daily_revenue"));
        CliRunner.Result full = CliRunner.run(project, "run", "--select", "daily_revenue", "--full-refresh");
        assertEquals(0, full.code(), full.all());
        assertTrue(full.out().contains("incremental (full build)"), full.out());
    }

    @Test
    @Order(5)
    void varsChangeTheAnalysisDateAndThreadsBuildInParallel() throws Exception {
        // churn labels need outcomes after their 2024 cutoffs, unknown as of 2024-06-30: those segments refuse (SF701)
        // --force: moving the analysis date moves most memberships, past the max_change guard
        CliRunner.Result r = CliRunner.run(project, "build", "--threads", "2", "--full-refresh", "--force",
                "--vars", "{as_of_date: '2024-06-30'}", "--exclude", "churn_risk", "churn_tiers");
        assertEquals(0, r.code(), r.all());
        assertEquals(20240630, scalar(project,
                "select cast(strftime(max(order_date), '%Y%m%d') as bigint) from analytics.daily_revenue"));
        CliRunner.Result back = CliRunner.run(project, "build", "--threads", "2", "--full-refresh", "--force");
        assertEquals(0, back.code(), back.all());
        assertTrue(scalar(project, "select cast(strftime(max(order_date), '%Y%m%d') as bigint) from analytics.daily_revenue")
                > 20240630);
        CliRunner.Result bad = CliRunner.run(project, "compile", "--vars", "[not, a, mapping]");
        assertEquals(2, bad.code(), bad.all());
        assertTrue(bad.err().contains("--vars must be a mapping"), bad.err());
    }

    @Test
    @Order(6)
    void lineageLsAndJsonLogs() throws Exception {
        CliRunner.Result lineage = CliRunner.run(project, "lineage", "customer_features.total_revenue");
        assertEquals(0, lineage.code(), lineage.all());
        assertTrue(lineage.out().contains("analytics.customer_orders.total_revenue"), lineage.out());
        assertTrue(lineage.out().contains("raw.orders.gross_amount  (source)"), lineage.out());

        CliRunner.Result ls = CliRunner.run(project, "ls", "features", "--select", "+customer_orders");
        assertEquals(0, ls.code(), ls.all());
        assertTrue(ls.out().contains("feature.stg_orders"), ls.out());
        assertFalse(ls.out().contains("feature.customer_features"), ls.out());

        CliRunner.Result json = CliRunner.run(project, "run", "--select", "stg_orders", "--log-format", "json");
        assertEquals(0, json.code(), json.all());
        long events = json.out().lines().filter(l -> !l.isBlank()).count();
        assertTrue(events >= 3);
        for (String line : json.out().lines().filter(l -> !l.isBlank()).toList()) {
            JsonNode n = JSON.readTree(line);
            assertTrue(n.has("event") && n.has("ts"), line);
        }
    }

    @Test
    @Order(7)
    void brokenSqlIsAPositionedProjectErrorAndKeepsThePreviousTables() throws Exception {
        long before = scalar(project, "select count(*) from analytics.customer_orders");
        Path f = project.resolve("features/marts/customer_orders.sql");
        String original = Files.readString(f);
        Files.writeString(f, original.replace("count(o.order_id) as orders_count", "count(o.order_idd) as orders_count"));
        try {
            CliRunner.Result r = CliRunner.run(project, "build");
            assertEquals(2, r.code(), r.all());
            assertTrue(r.err().contains("features/marts/customer_orders.sql:5:"), r.err());
            assertTrue(r.err().contains("order_idd"), r.err());
            assertFalse(r.all().contains("\tat "), "no stack trace without --debug: " + r.all());
            assertEquals(before, scalar(project, "select count(*) from analytics.customer_orders"));
        } finally {
            Files.writeString(f, original);
        }
    }

    @Test
    @Order(8)
    void failingTestSkipsDownstreamAndExitsOne() throws Exception {
        Path yml = project.resolve("features/features.yml");
        String original = Files.readString(yml);
        Files.writeString(yml, original.replace("accepted_values: {values: [completed, returned]}",
                "accepted_values: {values: [completed]}"));
        try {
            CliRunner.Result r = CliRunner.run(project, "build", "--select", "+customer_orders");
            assertEquals(1, r.code(), r.all());
            assertTrue(r.out().contains("FAIL"), r.out());
            assertTrue(r.out().contains("SKIP"), r.out());
            JsonNode results = JSON.readTree(project.resolve("target/run_results.json").toFile());
            boolean skipped = false;
            for (JsonNode n : results.get("results")) {
                if (n.get("unique_id").asText().equals("feature.customer_orders")) {
                    skipped = n.get("status").asText().equals("skipped");
                }
            }
            assertTrue(skipped, results.toString());
        } finally {
            Files.writeString(yml, original);
        }
    }

    @Test
    @Order(9)
    void cycleIsReportedWithTheWholeLoop() throws Exception {
        Path f = project.resolve("features/staging/stg_orders.sql");
        String original = Files.readString(f);
        Files.writeString(f, original + "\n  and o.customer_id in (select customer_id from {{ ref('customer_orders') }})\n");
        try {
            CliRunner.Result r = CliRunner.run(project, "compile");
            assertEquals(2, r.code(), r.all());
            assertTrue(r.err().contains("feature.customer_orders -> feature.stg_orders -> feature.customer_orders")
                    || r.err().contains("feature.stg_orders -> feature.customer_orders -> feature.stg_orders"), r.err());
        } finally {
            Files.writeString(f, original);
        }
    }

    @Test
    @Order(10)
    void initCreatesAProjectThatBuilds() throws Exception {
        Path fresh = tmp.resolve("fresh");
        CliRunner.Result init = CliRunner.run(null, "init", fresh.toString());
        assertEquals(0, init.code(), init.all());
        assertTrue(Files.exists(fresh.resolve("segflow_project.yml")));
        CliRunner.Result build = CliRunner.run(fresh, "build");
        assertEquals(0, build.code(), build.all());
        CliRunner.Result again = CliRunner.run(null, "init", fresh.toString());
        assertEquals(2, again.code());
    }
}
