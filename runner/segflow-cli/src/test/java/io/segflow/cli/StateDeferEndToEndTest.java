package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slim CI on the example project (embedded DuckDB): "production" is built and its target/ saved as state; after one
 * segment rule and one comment elsewhere change, {@code ls -s state:modified+} lists exactly that segmentation and its
 * tests; {@code plan} reports the entered / exited / moved counts a direct SQL comparison finds, changes no production
 * table and leaves no scratch schema; with {@code --defer}, a CI build in its own schema builds one changed feature reading its parent from the
 * production relation the state recorded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StateDeferEndToEndTest {
    @TempDir
    static Path tmp;
    static Path project;
    static Path prodState;

    @Test
    @Order(1)
    void productionIsBuiltAndItsArtifactsSavedAsState() throws IOException {
        project = CliRunner.copyExample(tmp.resolve("shop"), 800);
        CliRunner.Result build = CliRunner.run(project, "build");
        assertEquals(0, build.code(), build.all());
        prodState = Files.createDirectories(tmp.resolve("prod-state"));
        Files.copy(project.resolve("target/manifest.json"), prodState.resolve("manifest.json"));
    }

    @Test
    @Order(2)
    void changedRuleAndCommentSelectExactlyThatSegmentationAndItsTests() throws IOException {
        edit("segments/lifecycle.yml", "when: \"tenure_days <= 90\"", "when: \"tenure_days <= 60\"");
        edit("features/marts/customer_orders.sql", "-- Purchase history per customer", "-- Purchase history of each customer");
        CliRunner.Result ls = CliRunner.run(project, "ls", "-s", "state:modified+", "--state", prodState.toString());
        assertEquals(0, ls.code(), ls.all());
        List<String> ids = ls.out().lines().skip(1).filter(l -> !l.matches("\\d+ nodes?")).map(l -> l.split("\\s+")[0]).toList();
        assertEquals("segment.lifecycle", ids.get(0), ls.out());
        assertEquals(List.of("test.lifecycle_exclusive", "test.lifecycle_exhaustive", "test.lifecycle_expected_members",
                "test.lifecycle_max_share", "test.lifecycle_min_size", "test.lifecycle_stability"),
                ids.subList(1, ids.size()).stream().sorted().toList(), ls.out());
        CliRunner.Result none = CliRunner.run(project, "ls", "-s", "state:modified", "--state", prodState.toString(),
                "--exclude", "segment.lifecycle");
        assertTrue(none.out().contains("0 nodes"), none.all());
    }

    @Test
    @Order(3)
    void planReportsTheMembershipDiffOfADirectComparisonAndLeavesProductionAsItWas() throws Exception {
        Map<String, List<String>> before = productionTables();
        CliRunner.Result plan = CliRunner.run(project, "plan", "--state", prodState.toString(), "--fail-on", "moved>0");
        assertEquals(1, plan.code(), plan.all());
        assertTrue(plan.all().contains("gate tripped: moved>0 in lifecycle"), plan.all());
        assertEquals(before, productionTables(), "plan changed a production table");
        assertEquals(List.of(), column("select schema_name from information_schema.schemata where schema_name like 'segflow_plan%'"));

        JsonNode lifecycle = null;
        for (JsonNode s : new ObjectMapper().readTree(project.resolve("target/plan.json").toFile()).get("segments")) {
            if (s.get("unique_id").asText().equals("segment.lifecycle")) lifecycle = s;
        }
        assertTrue(lifecycle != null && lifecycle.get("moved").asLong() > 0, String.valueOf(lifecycle));
        assertTrue(Files.readString(project.resolve("target/plan.md")).contains("### lifecycle"));

        execute("create schema keep; create table keep.old_lifecycle as select * from segments.lifecycle_members");
        CliRunner.Result build = CliRunner.run(project, "build", "-s", "lifecycle", "--force");
        assertEquals(0, build.code(), build.all());
        String diff = "from keep.old_lifecycle o full outer join segments.lifecycle_members n on o.entity_id = n.entity_id";
        assertEquals(column("select count(*) " + diff + " where o.entity_id is null"), List.of(lifecycle.get("entered").asText()));
        assertEquals(column("select count(*) " + diff + " where n.entity_id is null"), List.of(lifecycle.get("exited").asText()));
        assertEquals(column("select count(*) " + diff + " where o.segment <> n.segment"), List.of(lifecycle.get("moved").asText()));
        assertEquals(column("select count(*) from segments.lifecycle_members"), List.of(lifecycle.get("after").asText()));
    }

    @Test
    @Order(4)
    void deferBuildsOneChangedFeatureReadingItsParentFromProduction() throws Exception {
        edit("segflow_project.yml", "schema: analytics", "schema: ci_pr");
        edit("features/marts/customer_engagement.sql", "    purchases,\n", "    purchases,\n    purchases * 2 as purchases_doubled,\n");
        CliRunner.Result run = CliRunner.run(project, "run", "-s", "state:modified.body,type:feature", "--defer",
                "--state", prodState.toString());
        assertEquals(0, run.code(), run.all());
        assertTrue(run.out().contains("deferring stg_events to analytics.stg_events"), run.all());
        assertEquals(List.of("customer_engagement"),
                column("select table_name from information_schema.tables where table_schema = 'ci_pr' order by 1"));
        assertEquals(column("select count(*) from analytics.customer_engagement"),
                column("select count(*) from ci_pr.customer_engagement where purchases_doubled = 2 * purchases"));
        String compiled = Files.readString(project.resolve("target/compiled/dev/features/marts/customer_engagement.sql"));
        assertTrue(compiled.contains("analytics") && compiled.contains("stg_events"), compiled);

        CliRunner.Result seedParent = CliRunner.run(project, "run", "-s", "customer_features", "--defer", "--state", prodState.toString());
        assertEquals(0, seedParent.code(), seedParent.all());
        assertTrue(seedParent.out().contains("deferring country_regions to analytics.country_regions"), seedParent.all());
        assertEquals(column("select count(*) from analytics.customer_features"), column("select count(*) from ci_pr.customer_features"));

        CliRunner.Result noState = CliRunner.run(project, "run", "-s", "customer_engagement", "--defer");
        assertEquals(2, noState.code(), noState.all());
        assertTrue(noState.all().contains("--state"), noState.all());
    }

    @Test
    @Order(5)
    void planOfAChangeThatDoesNotBuildFailsAndStillDropsItsScratchSchema() throws Exception {
        Map<String, List<String>> before = productionTables();
        edit("features/marts/customer_engagement.sql", "    purchases * 2 as purchases_doubled,\n",
                "    purchases * 2 as purchases_doubled,\n    cast('not a number' as integer) as broken,\n");
        CliRunner.Result plan = CliRunner.run(project, "plan", "--state", prodState.toString());
        assertEquals(1, plan.code(), plan.all());
        assertTrue(plan.err().contains("the change does not build: feature.customer_engagement"), plan.all());
        assertEquals(List.of(), column("select schema_name from information_schema.schemata where schema_name like 'segflow_plan%'"));
        assertEquals(before, productionTables(), "plan changed a production table");
        JsonNode report = new ObjectMapper().readTree(project.resolve("target/plan.json").toFile());
        List<String> notes = new ArrayList<>();
        report.get("segments").forEach(s -> {
            if (s.get("unique_id").asText().equals("segment.lifecycle")) notes.add(s.get("note").asText());
        });
        assertEquals(1, notes.size(), report.toString());
        assertTrue(notes.get(0).startsWith("not planned:") && notes.get(0).contains("failed"), notes.toString());
    }

    private static void edit(String file, String from, String to) throws IOException {
        Path p = project.resolve(file);
        String text = Files.readString(p);
        assertTrue(text.contains(from), file + " lacks " + from);
        Files.writeString(p, text.replace(from, to));
    }

    /** Every row of every table in the schemas production builds, in a stable order. */
    private static Map<String, List<String>> productionTables() throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String t : column("select table_schema || '.' || table_name from information_schema.tables "
                + "where table_schema in ('analytics', 'segments') and table_type = 'BASE TABLE'")) {
            out.put(t, column("select cast(columns(*) as varchar) from " + t + " order by all"));
        }
        return out;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve("target/dev.duckdb"));
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> column(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve("target/dev.duckdb"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder(String.valueOf(rs.getString(1)));
                for (int i = 2; i <= n; i++) row.append('|').append(rs.getString(i));
                out.add(row.toString());
            }
        }
        return out;
    }
}
