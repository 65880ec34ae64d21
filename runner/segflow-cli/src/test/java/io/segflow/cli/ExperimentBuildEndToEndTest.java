package io.segflow.cli;

import static io.segflow.cli.ExampleProjectEndToEndTest.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * `segflow build` assigns the example project's experiment on DuckDB without `segflow experiment assign`: arms stay
 * sticky over builds with membership churn, new entrants are assigned, a run that leaves out the segmentation skips
 * the experiment, a sample-ratio mismatch fails the build and leaves the assignments as they were, --force publishes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExperimentBuildEndToEndTest {
    private static final String ASSIGNMENTS = "segments.winback_offer_assignments";
    @TempDir
    static Path tmp;
    static Path project;

    @Test
    @Order(1)
    void buildsAssignNewEntrantsAndKeepArms() throws Exception {
        project = CliRunner.copyExample(tmp.resolve("shop"), 3000);
        CliRunner.Result first = build("2024-10-15", "--force");
        assertEquals(0, first.code(), first.all());
        assertTrue(first.out().matches("(?s).*OK\\s+experiment\\.winback_offer\\s+\\[assigned \\d+, new \\d+ in .*"),
                first.out());
        long targeted = scalar(project, "select count(*) from segments.lifecycle_members where segment in ('at_risk', 'lapsed')");
        assertTrue(targeted > 0);
        assertEquals(targeted, scalar(project, "select count(*) from " + ASSIGNMENTS));
        String results = Files.readString(project.resolve("target/run_results.json"));
        assertTrue(results.contains("\"experiment.winback_offer\""), results);
        exec("create table main.first_arms as select entity_id, arm from " + ASSIGNMENTS);

        CliRunner.Result second = build("2024-11-30", "--force");
        assertEquals(0, second.code(), second.all());
        assertEquals(0, scalar(project, "select count(*) from main.first_arms f join " + ASSIGNMENTS
                + " a using (entity_id) where a.arm <> f.arm"), "no entity changed arm");
        long entrants = scalar(project, "select count(*) from " + ASSIGNMENTS + " where entity_id not in"
                + " (select entity_id from main.first_arms)");
        assertTrue(entrants > 0, "customers who became at_risk or lapsed since the first build are assigned");
        assertTrue(second.out().contains("new " + entrants + " in"), second.out());
        assertEquals(0, scalar(project, "select count(*) from segments.lifecycle_members m where segment in"
                + " ('at_risk', 'lapsed') and entity_id not in (select entity_id from " + ASSIGNMENTS + ")"));
    }

    @Test
    @Order(2)
    void aRunWithoutTheSegmentationSkipsTheExperiment() {
        CliRunner.Result r = CliRunner.run(project, "run", "--select", "customer_orders", "--vars",
                "{as_of_date: '2024-11-30'}");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().matches("(?s).*SKIP\\s+experiment\\.winback_offer\\s+\\[segmentation 'lifecycle' is not in"
                + " this run's selection.*"), r.out());
    }

    @Test
    @Order(3)
    void aSampleRatioMismatchFailsTheBuildUnlessForced() throws Exception {
        // stored arms are sticky, so new shares make the arm counts disagree with the declared ratio
        Path file = project.resolve("experiments/winback.yml");
        Files.writeString(file, Files.readString(file).replace("arms: {control: 0.2, treatment: 0.8}",
                "arms: {control: 0.5, treatment: 0.5}"));
        exec("create table main.before_srm as select * from " + ASSIGNMENTS);
        CliRunner.Result blocked = build("2024-12-20", "");
        assertEquals(1, blocked.code(), blocked.all());
        assertTrue(blocked.out().contains("FAIL experiment.winback_offer: experiment 'winback_offer': sample-ratio"
                + " mismatch, assignment not published"), blocked.out());
        assertEquals(0, scalar(project, "select count(*) from (select * from " + ASSIGNMENTS
                + " except select * from main.before_srm)"), "the assignments are unchanged");
        assertEquals(scalar(project, "select count(*) from main.before_srm"), scalar(project, "select count(*) from " + ASSIGNMENTS));

        CliRunner.Result forced = build("2024-12-20", "--force");
        assertEquals(0, forced.code(), forced.all());
        assertTrue(forced.out().contains("published with --force past a sample-ratio mismatch"), forced.out());
        assertTrue(scalar(project, "select count(*) from " + ASSIGNMENTS) > scalar(project, "select count(*) from main.before_srm"),
                "the new entrants are published");
        String results = Files.readString(project.resolve("target/run_results.json"));
        assertTrue(results.contains("published with --force past a sample-ratio mismatch"), results);
    }

    private static CliRunner.Result build(String asOf, String force) {
        return "--force".equals(force)
                ? CliRunner.run(project, "build", "--select", "+segment.lifecycle", "--force", "--vars", "{as_of_date: '" + asOf + "'}")
                : CliRunner.run(project, "build", "--select", "+segment.lifecycle", "--vars", "{as_of_date: '" + asOf + "'}");
    }

    private static void exec(String sql) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + project.resolve("target/dev.duckdb"));
             var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
