package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `segflow build` names the relation a test's failing rows are stored in (dbt's store_failures), pass or warn. */
class DbtStoreFailuresCliTest {
    @TempDir
    Path dir;

    @Test
    void buildOutputNamesTheAuditRelation() throws Exception {
        Path p = dir.resolve("shop");
        Files.createDirectories(p.resolve("seeds"));
        Files.createDirectories(p.resolve("models"));
        Files.writeString(p.resolve("dbt_project.yml"), "name: shop\nprofile: shop\n");
        Files.writeString(p.resolve("profiles.yml"),
                "shop:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: target/shop.duckdb}\n");
        Files.writeString(p.resolve("seeds/raw_orders.csv"), "order_id,status\n1,placed\n2,\n3,\n");
        Files.writeString(p.resolve("models/orders.sql"), "select order_id, status from {{ ref('raw_orders') }}\n");
        Files.writeString(p.resolve("models/schema.yml"), """
                version: 2
                models:
                  - name: orders
                    columns:
                      - name: status
                        data_tests:
                          - not_null: {config: {store_failures: true, warn_if: ">1", error_if: ">5"}}
                      - name: order_id
                        data_tests:
                          - unique: {config: {store_failures: true}}
                """);
        CliRunner.Result r = CliRunner.run(p, "build");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("test.not_null_orders_status")
                && l.contains("[2 failing rows, stored in main_dbt_test__audit.not_null_orders_status in ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("test.unique_orders_order_id")
                && l.contains("[pass, no failing rows, stored in main_dbt_test__audit.unique_orders_order_id in ")), r.out());
        assertEquals(List.of(List.of(2L)), CliRunner.query(p.resolve("target/shop.duckdb"),
                "select count(*) from main_dbt_test__audit.not_null_orders_status"));
    }
}
