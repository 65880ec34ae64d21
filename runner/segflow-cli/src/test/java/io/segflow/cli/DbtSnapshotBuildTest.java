package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dbt project with a timestamp snapshot (hard deletes invalidated), a check snapshot and a model reading a
 * snapshot, built twice with `segflow build` around a change of its seed, on DuckDB and on PostgreSQL: both give
 * the same SCD type 2 history.
 */
class DbtSnapshotBuildTest {
    @TempDir
    Path dir;

    private static final List<String> HISTORY = List.of("1|gold|2024-01-01|false", "1|platinum|2024-02-01|true",
            "2|silver|2024-01-01|true", "3|bronze|2024-01-01|false", "4|bronze|2024-02-01|true");
    private static final List<String> TIERS = List.of("1|gold|false", "1|platinum|true", "2|gold|true", "2|silver|false",
            "3|bronze|true", "4|bronze|true");
    private static final List<String> CURRENT = List.of("1|platinum", "2|silver", "4|bronze");

    private Path project(String target) throws Exception {
        Path p = dir.resolve("snap");
        Files.createDirectories(p.resolve("seeds"));
        Files.createDirectories(p.resolve("snapshots"));
        Files.createDirectories(p.resolve("models"));
        Files.writeString(p.resolve("dbt_project.yml"), """
                name: snap
                version: '1.0.0'
                config-version: 2
                profile: snap
                """);
        Files.writeString(p.resolve("profiles.yml"), """
                snap:
                  target: %s
                  outputs:
                    dev:
                      type: duckdb
                      path: target/snap.duckdb
                    pg:
                      type: postgres
                      host: "{{ env_var('SEGFLOW_PG_HOST', 'localhost') }}"
                      port: "{{ env_var('SEGFLOW_PG_PORT', '5432') }}"
                      user: "{{ env_var('SEGFLOW_PG_USER', 'segflow') }}"
                      password: "{{ env_var('SEGFLOW_PG_PASSWORD', '') }}"
                      dbname: "{{ env_var('SEGFLOW_PG_SCRATCH_UNSET', '%s') }}"
                      sslmode: disable
                """.formatted(target.equals("dev") ? "dev" : "pg", target));
        Files.writeString(p.resolve("seeds/customers.csv"), """
                id,name,tier,updated_at
                1,Ann,gold,2024-01-01 00:00:00
                2,Bob,silver,2024-01-01 00:00:00
                3,Cid,bronze,2024-01-01 00:00:00
                """);
        Files.writeString(p.resolve("snapshots/customers_history.sql"), """
                {% snapshot customers_history %}
                {{ config(target_schema='history', unique_key='id', strategy='timestamp', updated_at='updated_at',
                          hard_deletes='invalidate') }}
                select * from {{ ref('customers') }}
                {% endsnapshot %}

                {% snapshot customers_tiers %}
                {{ config(target_schema='history', unique_key='id', strategy='check', check_cols=['tier']) }}
                select id, tier from {{ ref('customers') }}
                {% endsnapshot %}
                """);
        Files.writeString(p.resolve("models/current_tiers.sql"),
                "select id, tier from {{ ref('customers_history') }} where dbt_valid_to is null\n");
        return p;
    }

    private static void change(Path p) throws Exception {
        Files.writeString(p.resolve("seeds/customers.csv"), """
                id,name,tier,updated_at
                1,Ann,platinum,2024-02-01 00:00:00
                2,Bob,gold,2024-01-01 00:00:00
                4,Dee,bronze,2024-02-01 00:00:00
                """);
    }

    private static void buildTwice(Path p, String... args) throws Exception {
        List<String> build = new ArrayList<>(List.of("build"));
        build.addAll(List.of(args));
        CliRunner.Result first = CliRunner.run(p, build.toArray(String[]::new));
        assertEquals(0, first.code(), first.all());
        change(p);
        CliRunner.Result second = CliRunner.run(p, build.toArray(String[]::new));
        assertEquals(0, second.code(), second.all());
    }

    private static void assertHistory(Connection c) throws Exception {
        assertEquals(HISTORY, rows(c, "select id, tier, cast(dbt_valid_from as date), dbt_valid_to is null"
                + " from history.customers_history order by id, dbt_valid_from"));
        assertEquals(TIERS, rows(c, "select id, tier, dbt_valid_to is null from history.customers_tiers order by id, tier"));
        assertEquals(CURRENT, rows(c, "select id, tier from main.current_tiers order by id"));
        assertEquals(List.of("0"), rows(c, "select count(*) - count(distinct dbt_scd_id) from history.customers_history"));
    }

    @Test
    void snapshotsKeepHistoryOnDuckDb() throws Exception {
        Path p = project("dev");
        buildTwice(p);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + p.resolve("target/snap.duckdb"))) {
            assertHistory(c);
        }
    }

    @Test
    void snapshotsKeepHistoryOnPostgres() throws Exception {
        try (PostgresScratchDatabase db = PostgresScratchDatabase.create("segflow_snapshot")) {
            Path p = project(db.name);
            buildTwice(p);
            try (Connection c = db.connect()) {
                assertHistory(c);
            }
        }
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= n; i++) cells.add(String.valueOf(rs.getObject(i)));
                out.add(String.join("|", cells));
            }
        }
        return out;
    }
}
