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
 * The example project's experiment through the CLI on DuckDB: segments built as of two days, assignment that keeps
 * every arm across the second run, the CI checks, the readout (table and JSON), and the errors of a bad definition
 * and of a population too small for the declared effect.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExperimentEndToEndTest {
    private static final int CUSTOMERS = 3000;
    @TempDir
    static Path tmp;
    static Path project;

    @Test
    @Order(1)
    void assignAfterTheSegmentsAreBuiltAndKeepArmsOnTheNextRun() throws Exception {
        project = CliRunner.copyExample(tmp.resolve("shop"), CUSTOMERS);
        build("2024-09-30");
        CliRunner.Result first = CliRunner.run(project, "experiment", "assign", "--as-of", "2024-10-01");
        assertEquals(0, first.code(), first.all());
        assertTrue(first.out().contains("winback_offer: assigned"), first.out());
        long targeted = scalar(project, "select count(*) from segments.lifecycle_members where segment in ('at_risk', 'lapsed')");
        assertEquals(targeted, scalar(project, "select count(*) from segments.winback_offer_assignments"));
        assertTrue(scalar(project, "select count(*) from segments.winback_offer_assignments where arm = 'global_holdout'") > 0);
        exec("create table main.first_arms as select entity_id, arm from segments.winback_offer_assignments");

        build("2024-11-15");
        CliRunner.Result second = CliRunner.run(project, "experiment", "assign", "winback_offer", "--as-of", "2024-11-15");
        assertEquals(0, second.code(), second.all());
        assertEquals(0, scalar(project, "select count(*) from main.first_arms f join segments.winback_offer_assignments a"
                + " using (entity_id) where a.arm <> f.arm"), "no entity changed arm");
        assertEquals(scalar(project, "select count(*) from main.first_arms"), scalar(project, "select count(*) from"
                + " main.first_arms f join segments.winback_offer_assignments a using (entity_id)"));
        assertTrue(scalar(project, "select count(*) from segments.winback_offer_assignment_history where valid_to is not null") > 0,
                "entities that left at_risk/lapsed have their period closed");
    }

    @Test
    @Order(2)
    void checkAndReadout() throws Exception {
        CliRunner.Result check = CliRunner.run(project, "experiment", "check");
        assertTrue(check.out().contains("winback_offer: SRM ok"), check.all());
        CliRunner.Result readout = CliRunner.run(project, "experiment", "readout", "winback_offer", "--as-of", "2024-12-31",
                "--cuped");
        assertEquals(0, readout.code(), readout.all());
        assertTrue(readout.out().contains("treatment"), readout.out());
        assertTrue(Files.isRegularFile(project.resolve("target/experiments/winback_offer.json")));
        assertEquals(3, scalar(project, "select count(*) from segments.winback_offer_readout"));
    }

    @Test
    @Order(3)
    void tooSmallAPopulationFailsTheMinimumDetectableEffectCheck() throws Exception {
        edit("min_detectable_effect: {effect: 0.06, baseline_rate: 0.15, power: 0.8}",
                "min_detectable_effect: {effect: 0.005, baseline_rate: 0.15, power: 0.9}");
        CliRunner.Result check = CliRunner.run(project, "experiment", "check", "winback_offer");
        assertEquals(1, check.code(), check.all());
        assertTrue(check.err().contains("experiments/winback.yml:20:28: error[SF613]"), check.err());
        assertTrue(check.err().contains("target at least"), check.err());
    }

    @Test
    @Order(4)
    void sharesNotSummingToOneArePositioned() throws Exception {
        edit("arms: {control: 0.2, treatment: 0.8}", "arms: {control: 0.2, treatment: 0.7}");
        CliRunner.Result r = CliRunner.run(project, "experiment", "check");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("experiments/winback.yml:14:11: error[SF610]: arm shares of 'winback_offer' sum to 0.9"),
                r.err());
        edit("groups: [at_risk, lapsed]", "groups: [at_risk, lapsd]");
        CliRunner.Result g = CliRunner.run(project, "experiment", "check");
        assertTrue(g.err().contains("error[SF611]: segmentation 'lifecycle' has no group 'lapsd'"), g.err());
    }

    private static void build(String asOf) {
        CliRunner.Result r = CliRunner.run(project, "build", "--select", "+segment.lifecycle", "--force", "--vars",
                "{as_of_date: '" + asOf + "'}");
        assertEquals(0, r.code(), r.all());
    }

    private static void edit(String from, String to) throws Exception {
        Path file = project.resolve("experiments/winback.yml");
        String text = Files.readString(file);
        assertTrue(text.contains(from), from);
        Files.writeString(file, text.replace(from, to));
    }

    private static void exec(String sql) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + project.resolve("target/dev.duckdb"));
             var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
