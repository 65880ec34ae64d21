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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The everyday verbs on the example project (embedded DuckDB): a selector does not swallow an unknown flag, a misspelt
 * name gets a did-you-mean, {@code compile -s} writes the selected nodes' SQL only, {@code show} previews rows, {@code --fail-fast} stops at the first error, {@code retry} re-runs exactly what the last run left failed or
 * skipped, {@code clean} removes segflow's artifacts but not the database,
 * {@code debug} tests the connection.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EverydayVerbsEndToEndTest {
    @TempDir
    static Path tmp;
    static Path project;

    @Test
    @Order(1)
    void selectorDoesNotSwallowAFlagAndMisspeltNamesGetADidYouMean() {
        project = CliRunner.copyExample(tmp.resolve("shop"), 500);
        CliRunner.Result flag = CliRunner.run(project, "test", "-s", "customer_orders", "--store-failures");
        assertEquals(2, flag.code(), flag.all());
        assertTrue(flag.err().contains("Unknown option: '--store-failures'"), flag.all());
        assertFalse(flag.all().contains("invalid selector"), flag.all());
        CliRunner.Result typo = CliRunner.run(project, "ls", "-s", "customer_ordrs");
        assertEquals(2, typo.code(), typo.all());
        assertTrue(typo.all().contains("did you mean 'customer_orders'?"), typo.all());
    }

    @Test
    @Order(2)
    void compileSelectWritesTheSelectedNodesOnly() throws Exception {
        CliRunner.Result compile = CliRunner.run(project, "compile", "-s", "customer_orders");
        assertEquals(0, compile.code(), compile.all());
        Path features = project.resolve("target/compiled/dev/features");
        try (var files = Files.walk(features)) {
            assertEquals(List.of("marts/customer_orders.sql"), files.filter(Files::isRegularFile)
                    .map(f -> features.relativize(f).toString().replace('\\', '/')).toList());
        }
        assertTrue(Files.exists(project.resolve("target/manifest.json")));
        assertFalse(Files.exists(project.resolve("target/dev.duckdb")), "compile must not touch the warehouse");
    }

    @Test
    @Order(3)
    void showPreviewsFeaturesSegmentsAndInlineQueries() throws Exception {
        CliRunner.Result typo0 = CliRunner.run(project, "build", "-s", "customer_ordrs");
        assertEquals(2, typo0.code(), typo0.all());
        assertTrue(typo0.all().contains("did you mean 'customer_orders'?"), typo0.all());
        assertEquals(List.of(), tables("raw"), "example data generated before the selector was checked");
        CliRunner.Result build = CliRunner.run(project, "build");
        assertEquals(0, build.code(), build.all());
        CliRunner.Result feature = CliRunner.run(project, "show", "customer_orders", "--limit", "3");
        assertEquals(0, feature.code(), feature.all());
        assertTrue(feature.out().startsWith("customer_id") && feature.out().contains("3 rows"), feature.out());
        CliRunner.Result members = CliRunner.run(project, "show", "lifecycle", "--limit", "2", "--log-format", "json");
        assertEquals(0, members.code(), members.all());
        assertEquals(2, members.out().lines().filter(l -> l.contains("\"event\":\"row\"") && l.contains("entity_id")).count(),
                members.out());
        CliRunner.Result inline = CliRunner.run(project, "show", "--inline", "select 40 + 2 as answer");
        assertTrue(inline.out().contains("answer") && inline.out().contains("42"), inline.all());
        CliRunner.Result typo = CliRunner.run(project, "show", "lifecycel");
        assertEquals(2, typo.code(), typo.all());
        assertTrue(typo.all().contains("did you mean 'lifecycle'?"), typo.all());
    }

    @Test
    @Order(4)
    void failFastStopsAtTheFirstErrorAndRetryRerunsTheFailedAndSkippedNodesOnly() throws Exception {
        CliRunner.Result nothing = CliRunner.run(project, "retry");
        assertEquals(0, nothing.code(), nothing.all());
        assertTrue(nothing.out().contains("nothing to retry"), nothing.all());

        execute("create schema keep; create table keep.tickets as select * from raw.support_tickets; drop table raw.support_tickets");
        CliRunner.Result run = CliRunner.run(project, "run", "--fail-fast");
        assertEquals(1, run.code(), run.all());
        List<String> leftFailed = unfinished();
        assertTrue(leftFailed.contains("feature.customer_support") && leftFailed.contains("feature.customer_features"),
                leftFailed.toString());
        List<JsonNode> after = new ArrayList<>();
        boolean failed = false;
        for (JsonNode r : new ObjectMapper().readTree(project.resolve("target/run_results.json").toFile()).get("results")) {
            if (failed) after.add(r);
            failed |= r.get("unique_id").asText().equals("feature.customer_support");
        }
        assertFalse(after.isEmpty(), "nothing came after the failure");
        for (JsonNode r : after) {
            assertTrue(r.get("status").asText().equals("skipped")
                    && r.get("message").asText().contains("--fail-fast after feature.customer_support failed"), r.toString());
        }

        execute("create table raw.support_tickets as select * from keep.tickets");
        CliRunner.Result retry = CliRunner.run(project, "retry");
        assertEquals(0, retry.code(), retry.all());
        assertTrue(retry.out().contains("retrying " + leftFailed.size() + " nodes of the last run"), retry.all());
        JsonNode results = new ObjectMapper().readTree(project.resolve("target/run_results.json").toFile()).get("results");
        List<String> rerun = new ArrayList<>();
        results.forEach(r -> rerun.add(r.get("unique_id").asText()));
        assertEquals(leftFailed.stream().sorted().toList(), rerun.stream().sorted().toList());
        assertEquals(List.of(), unfinished());
    }

    @Test
    @Order(5)
    void cleanRemovesArtifactsButKeepsTheDatabase() {
        assertEquals(0, CliRunner.run(project, "docs").code());
        assertTrue(Files.exists(project.resolve("target/docs/index.html")));
        CliRunner.Result clean = CliRunner.run(project, "clean");
        assertEquals(0, clean.code(), clean.all());
        assertFalse(Files.exists(project.resolve("target/manifest.json")));
        assertFalse(Files.exists(project.resolve("target/docs")));
        assertFalse(Files.exists(project.resolve("target/compiled")));
        assertTrue(Files.exists(project.resolve("target/dev.duckdb")));
        assertTrue(CliRunner.run(project, "clean").out().contains("nothing to clean"));
    }

    @Test
    @Order(6)
    void debugChecksTheTargetWithoutRunningNodes() {
        CliRunner.Result debug = CliRunner.run(project, "debug");
        assertEquals(0, debug.code(), debug.all());
        assertTrue(debug.out().contains("target dev (duckdb)") && debug.out().contains("connection: OK"), debug.out());
        assertFalse(Files.exists(project.resolve("target/run_results.json")), "debug must not run nodes");
    }

    @Test
    @Order(7)
    void everyNewVerbHasHelp() {
        for (String verb : List.of("plan", "show", "debug", "clean", "retry")) {
            CliRunner.Result help = CliRunner.run(null, verb, "--help");
            assertEquals(0, help.code(), help.all());
            assertTrue(help.out().startsWith("Usage: segflow " + verb), help.out());
        }
        CliRunner.Result plan = CliRunner.run(null, "plan", "--help");
        assertTrue(plan.out().contains("--fail-on") && plan.out().contains("--state"), plan.out());
    }

    @Test
    @Order(8)
    void unusableTargetFailsOnceUpFrontNamingItsEnvVars() throws Exception {
        Path profiles = project.resolve("profiles.yml");
        Files.writeString(profiles, Files.readString(profiles).replace("  outputs:\n", "  outputs:\n    broken:\n"
                + "      type: duckdb\n      path: \"{{ env_var('SEGFLOW_BROKEN_DIR', 'segflow_project.yml') }}/x.duckdb\"\n"));
        CliRunner.Result build = CliRunner.run(project, "build", "-t", "broken");
        assertEquals(1, build.code(), build.all());
        List<String> errors = build.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), build.all());
        assertTrue(errors.get(0).contains("target 'broken' (duckdb) cannot be used")
                && errors.get(0).contains("SEGFLOW_BROKEN_DIR"), errors.get(0));
        assertFalse(build.out().contains("running"), "no node may start on an unusable target: " + build.out());
    }

    private static List<String> unfinished() throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode r : new ObjectMapper().readTree(project.resolve("target/run_results.json").toFile()).get("results")) {
            String status = r.get("status").asText();
            if (status.equals("error") || status.equals("fail") || status.equals("skipped")) out.add(r.get("unique_id").asText());
        }
        return out;
    }

    private static List<String> tables(String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve("target/dev.duckdb"));
             Statement s = c.createStatement();
             var rs = s.executeQuery("select table_name from information_schema.tables where table_schema = '" + schema + "'")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve("target/dev.duckdb"));
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
