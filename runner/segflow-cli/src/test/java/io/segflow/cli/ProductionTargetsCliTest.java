package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production-warehouse parts of the CLI that need no account: compile for Snowflake/BigQuery, catalog snapshots
 * for offline validation, {@code --estimate} on a target without dry runs, and secrets kept out of every artifact.
 */
class ProductionTargetsCliTest {
    private static final String SECRET = "Sup3r-Secret-Pa55word-xyz";

    private static Path miniProject(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("features"));
        Files.writeString(dir.resolve("segflow_project.yml"), "name: mini\nversion: \"1\"\nprofile: mini\nschema: marts\n");
        Files.writeString(dir.resolve("profiles.yml"), """
                mini:
                  target: dev
                  outputs:
                    dev: {type: duckdb, path: target/mini.duckdb}
                    snowflake:
                      type: snowflake
                      account: "{{ env_var('MINI_SF_ACCOUNT', 'acme') }}"
                      host: 127.0.0.1
                      port: 9
                      ssl: "off"
                      login_timeout_seconds: 5
                      user: analyst
                      password: "{{ env_var('MINI_SF_PASSWORD', '%s') }}"
                    bigquery: {type: bigquery, project: acme-analytics, location: EU}
                """.formatted(SECRET));
        Files.writeString(dir.resolve("features/sources.yml"), """
                sources:
                  - name: raw
                    schema: raw
                    tables:
                      - name: orders
                """);
        Files.writeString(dir.resolve("features/recent_orders.sql"), """
                select customer_id, count(*) as orders, date_diff('day', max(order_date), date '2024-12-31') as recency
                from {{ source('raw', 'orders') }}
                where order_date >= date '2024-12-31' - interval '30' day
                group by customer_id
                """);
        return dir;
    }

    @Test
    void catalogPullLetsCompileValidateSourcesWithoutColumnTypesOffline(@TempDir Path tmp) throws Exception {
        Path project = miniProject(tmp.resolve("mini"));
        CliRunner.Result before = CliRunner.run(project, "compile");
        assertEquals(2, before.code(), before.all());
        assertTrue(before.all().contains("catalog pull"), before.all());

        Files.createDirectories(project.resolve("target"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve("target/mini.duckdb"));
             Statement s = c.createStatement()) {
            s.execute("create schema raw");
            s.execute("create table raw.orders (order_id bigint, customer_id bigint, order_date date, amount decimal(10,2))");
        }
        CliRunner.Result pull = CliRunner.run(project, "catalog", "pull", "--target", "dev");
        assertEquals(0, pull.code(), pull.all());
        String snapshot = Files.readString(project.resolve("catalog/dev.yml"));
        assertTrue(snapshot.contains("raw.orders") && snapshot.contains("DECIMAL(10,2)"), snapshot);

        Files.delete(project.resolve("target/mini.duckdb")); // offline from here on
        CliRunner.Result after = CliRunner.run(project, "compile");
        assertEquals(0, after.code(), after.all());
        assertFalse(Files.exists(project.resolve("target/mini.duckdb")), "compile stayed offline");
        String sql = Files.readString(project.resolve("target/compiled/dev/features/recent_orders.sql"));
        assertTrue(sql.contains("\"raw\".\"orders\""), sql);
    }

    @Test
    void compilesForSnowflakeAndBigQueryWithoutSecretsInArtifacts(@TempDir Path tmp) throws Exception {
        Path project = miniProject(tmp.resolve("mini"));
        Files.createDirectories(project.resolve("catalog"));
        Files.writeString(project.resolve("catalog/snowflake.yml"), """
                sources:
                  raw.orders: [{name: order_id, type: BIGINT}, {name: customer_id, type: BIGINT},
                               {name: order_date, type: DATE}]
                """);
        Files.copy(project.resolve("catalog/snowflake.yml"), project.resolve("catalog/bigquery.yml"));

        CliRunner.Result sf = CliRunner.run(project, "compile", "--target", "snowflake");
        assertEquals(0, sf.code(), sf.all());
        String snowflake = Files.readString(project.resolve("target/compiled/snowflake/features/recent_orders.sql"));
        assertTrue(snowflake.contains("DATEDIFF(DAY, MAX(order_date), DATE '2024-12-31')"), snowflake);
        assertTrue(snowflake.contains("DATEADD(DAY, -30, DATE '2024-12-31')"), snowflake);
        assertTrue(snowflake.contains("FROM raw.orders"), snowflake);

        CliRunner.Result bq = CliRunner.run(project, "compile", "--target", "bigquery");
        assertEquals(0, bq.code(), bq.all());
        String bigquery = Files.readString(project.resolve("target/compiled/bigquery/features/recent_orders.sql"));
        assertTrue(bigquery.contains("DATE_DIFF(DATE '2024-12-31', MAX(order_date), DAY)"), bigquery);
        assertTrue(bigquery.contains("DATE_SUB(DATE '2024-12-31', INTERVAL 30 DAY)"), bigquery);

        // one compile for both targets writes what the two compiles wrote (sources come from each target's snapshot)
        CliRunner.Result both = CliRunner.run(project, "compile", "--target", "snowflake,bigquery", "--threads", "2");
        assertEquals(0, both.code(), both.all());
        assertEquals(snowflake, Files.readString(project.resolve("target/compiled/snowflake/features/recent_orders.sql")));
        assertEquals(bigquery, Files.readString(project.resolve("target/compiled/bigquery/features/recent_orders.sql")));
        CliRunner.Result list = CliRunner.run(project, "run", "--target", "snowflake,bigquery");
        assertEquals(2, list.code(), list.all());
        assertTrue(list.all().contains("only `segflow compile` accepts a list"), list.all());

        // a failing login must not print the password either (the target points at a closed loopback port)
        CliRunner.Result failed = CliRunner.run(project, "run", "--target", "snowflake", "--debug");
        assertEquals(1, failed.code(), failed.all());
        assertTrue(failed.all().contains("Cannot connect to Snowflake account 'acme'"), failed.all());
        assertFalse(failed.all().contains(SECRET), "secret in CLI output:\n" + failed.all());
        try (Stream<Path> files = Files.walk(project.resolve("target"))) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".duckdb")).toList()) {
                assertFalse(Files.readString(f).contains(SECRET), "secret written to " + f);
            }
        }
        assertTrue(Files.exists(project.resolve("target/manifest.json")));
    }

    @Test
    void estimateSaysWhenTheTargetCannotDryRun(@TempDir Path tmp) throws Exception {
        Path project = miniProject(tmp.resolve("mini"));
        Files.createDirectories(project.resolve("catalog"));
        Files.writeString(project.resolve("catalog/dev.yml"),
                "sources:\n  raw.orders: [{name: customer_id, type: BIGINT}, {name: order_date, type: DATE}]\n");
        CliRunner.Result r = CliRunner.run(project, "compile", "--estimate");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.all().contains("cannot estimate cost"), r.all());
    }
}
