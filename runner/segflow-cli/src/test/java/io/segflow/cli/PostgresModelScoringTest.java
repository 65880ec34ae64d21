package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example project's model segments scored on PostgreSQL with the model versions trained on DuckDB give the DuckDB
 * membership row for row. Training samples differ per warehouse (their hash functions differ), so one project
 * directory, and so one registry, trains once on DuckDB and then scores on both targets with the same versions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresModelScoringTest {
    private static final int CUSTOMERS = 1000;
    private static final String MODELS = "path:segments/models.yml";

    @TempDir
    static Path tmp;
    private PostgresScratchDatabase db;
    private Path project;

    @BeforeAll
    void trainOnDuckDbThenScoreOnBoth() throws Exception {
        db = PostgresScratchDatabase.create("segflow_models");
        project = CliRunner.copyExample(tmp.resolve("shop"), CUSTOMERS);
        Path profiles = project.resolve("profiles.yml");
        Files.writeString(profiles, db.intoProfiles(Files.readString(profiles)));
        ok(CliRunner.run(project, "build"));
        ok(CliRunner.run(project, "build", "--target", "postgres", "--exclude", MODELS));
        ok(CliRunner.run(project, "score"));
        ok(CliRunner.run(project, "score", "--target", "postgres"));
    }

    private static void ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.all());
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (db != null) db.close();
    }

    @Test
    void scoringDidNotTrainAgain() {
        CliRunner.Result r = CliRunner.run(project, "models", "ls");
        ok(r);
        for (String model : List.of("customer_clusters", "churn_risk", "churn_tiers", "customer_ltv")) {
            assertTrue(r.all().lines().anyMatch(l -> l.startsWith(model + " ") && l.contains(" v1 ")), model + ": " + r.all());
        }
        assertFalse(r.all().contains(" v2 "), "one version per model, trained by the DuckDB build: " + r.all());
    }

    @Test
    void clusterAssignmentsEqualTheDuckDbOnes() throws Exception {
        assertSameMembership("customer_clusters");
    }

    @Test
    void propensityMembershipEqualsTheDuckDbOne() throws Exception {
        assertSameMembership("churn_risk");
        assertSameMembership("churn_tiers");
    }

    @Test
    void ltvMembershipEqualsTheDuckDbOne() throws Exception {
        assertSameMembership("customer_ltv");
    }

    private void assertSameMembership(String seg) throws Exception {
        String sql = "select entity_id, segment from segments." + seg + "_members order by entity_id, segment";
        List<String> expected;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve("target/dev.duckdb"))) {
            expected = PostgresScratchDatabase.rows(c, sql);
        }
        List<String> got;
        try (Connection c = db.connect()) {
            got = PostgresScratchDatabase.rows(c, sql);
        }
        assertFalse(expected.isEmpty(), seg + " has members on DuckDB");
        assertEquals(expected.size(), got.size(), seg + " member count");
        for (int i = 0; i < expected.size(); i++) assertEquals(expected.get(i), got.get(i), seg + " row " + i);
    }
}
