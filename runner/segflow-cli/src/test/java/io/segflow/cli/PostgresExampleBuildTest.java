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
 * The example project built with {@code --target postgres} on a live server equals the DuckDB build row for row:
 * every feature table, each rules segmentation's membership and the RFM segment with its scores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresExampleBuildTest {
    private static final int CUSTOMERS = 1000;

    @TempDir
    static Path tmp;
    private PostgresScratchDatabase db;
    private Path duckProject;
    private Path pgProject;
    private CliRunner.Result pgBuild;

    @BeforeAll
    void buildOnBoth() throws Exception {
        db = PostgresScratchDatabase.create("segflow_example");
        duckProject = CliRunner.copyExample(tmp.resolve("duck"), CUSTOMERS);
        pgProject = CliRunner.copyExample(tmp.resolve("pg"), CUSTOMERS);
        Path profiles = pgProject.resolve("profiles.yml");
        Files.writeString(profiles, db.intoProfiles(Files.readString(profiles)));
        CliRunner.Result duck = CliRunner.run(duckProject, "build");
        assertEquals(0, duck.code(), duck.all());
        pgBuild = CliRunner.run(pgProject, "build", "--target", "postgres");
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (db != null) db.close();
    }

    @Test
    void buildSucceeds() {
        assertEquals(0, pgBuild.code(), pgBuild.all());
    }

    @Test
    void featureTablesEqualTheDuckDbBuild() throws Exception {
        for (String table : List.of("customer_orders", "customer_engagement", "customer_support",
                "customer_category_affinity", "customer_features")) {
            String sql = "select * from analytics." + table + " order by customer_id";
            assertSameRows(sql, table);
        }
    }

    @Test
    void rulesAndRfmMembershipEqualTheDuckDbBuild() throws Exception {
        for (String seg : List.of("lifecycle", "engagement_flags", "rfm")) {
            assertSameRows("select entity_id, segment, score, explanation from segments." + seg + "_members"
                    + " order by entity_id, segment", seg);
        }
    }

    @Test
    void catalogPullSnapshotsTheSourcesTypes() throws Exception {
        CliRunner.Result r = CliRunner.run(pgProject, "catalog", "pull", "--target", "postgres");
        assertEquals(0, r.code(), r.all());
        String catalog = Files.readString(pgProject.resolve("catalog/postgres.yml"));
        assertTrue(catalog.contains("customer_id") && catalog.contains("gross_amount"), catalog);
    }

    private void assertSameRows(String sql, String what) throws Exception {
        List<String> expected;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckProject.resolve("target/dev.duckdb"))) {
            expected = PostgresScratchDatabase.rows(c, sql);
        }
        List<String> got;
        try (Connection c = db.connect()) {
            got = PostgresScratchDatabase.rows(c, sql);
        }
        assertFalse(expected.isEmpty(), what + " has rows on DuckDB");
        assertEquals(expected.size(), got.size(), what + " row count");
        for (int i = 0; i < expected.size(); i++) assertEquals(expected.get(i), got.get(i), what + " row " + i);
    }
}
