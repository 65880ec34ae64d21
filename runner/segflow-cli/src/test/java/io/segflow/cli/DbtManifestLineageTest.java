package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `segflow lineage` on a feature over a dbt mart continues into the dbt relations the manifest says it is built from. */
class DbtManifestLineageTest {
    @TempDir
    Path dir;

    @Test
    void lineageNamesTheDbtRelationsAMartIsBuiltFrom() throws Exception {
        Path manifest = CliRunner.repoRoot().resolve("runner/segflow-core/src/test/resources/dbt/jaffle_shop/target/manifest.json");
        Files.createDirectories(dir.resolve("features"));
        Files.writeString(dir.resolve("segflow_project.yml"), "name: on_dbt\nschema: analytics\ndbt:\n  manifest: " + manifest + "\n");
        Files.writeString(dir.resolve("profiles.yml"), "on_dbt:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: \":memory:\"}\n");
        Files.writeString(dir.resolve("features/customer_value.sql"),
                "select customer_id, customer_lifetime_value / number_of_orders as avg_order_value from {{ ref('customers') }}\n");
        CliRunner.Result r = CliRunner.run(dir, "lineage", "customer_value.avg_order_value");
        assertEquals(0, r.code(), r.all());
        assertEquals("""
                analytics.customer_value.avg_order_value
                ├── main_marts.customers.customer_lifetime_value  (source; dbt builds it from dbt.stg_customers, dbt.stg_orders, dbt.stg_payments)
                └── main_marts.customers.number_of_orders  (source; dbt builds it from dbt.stg_customers, dbt.stg_orders, dbt.stg_payments)
                """, r.out());
    }
}
