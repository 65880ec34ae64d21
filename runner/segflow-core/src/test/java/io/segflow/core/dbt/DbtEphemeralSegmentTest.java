package io.segflow.core.dbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.project.ProjectLoader;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.core.execute.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment cannot read an ephemeral model (it reads its input relation at run time, and an ephemeral is never
 * built): a positioned compile error; a view reading the ephemeral gets it inlined and segments build on it.
 */
class DbtEphemeralSegmentTest {
    @TempDir
    Path dir;

    private void write(String segmentFrom) throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Files.createDirectories(dir.resolve("seeds"));
        Files.createDirectories(dir.resolve("segments"));
        Files.writeString(dir.resolve("dbt_project.yml"), "name: shop\nprofile: shop\n");
        Files.writeString(dir.resolve("profiles.yml"),
                "shop:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: \":memory:\"}\n");
        Files.writeString(dir.resolve("seeds/raw_orders.csv"), "order_id,customer_id\n1,1\n2,1\n3,1\n4,2\n");
        Files.writeString(dir.resolve("models/order_counts.sql"), """
                {{ config(materialized='ephemeral') }}
                select customer_id, count(*) as number_of_orders from {{ ref('raw_orders') }} group by customer_id
                """);
        Files.writeString(dir.resolve("models/customers.sql"), "select * from {{ ref('order_counts') }}\n");
        Files.writeString(dir.resolve("models/schema.yml"), """
                version: 2
                models:
                  - name: order_counts
                    columns:
                      - name: customer_id
                        data_tests: [unique]
                """);
        Files.writeString(dir.resolve("segments/loyalty.yml"), """
                segments:
                  - name: loyalty
                    type: rules
                    from: %s
                    entity_key: customer_id
                    rules: [{name: loyal, when: "number_of_orders >= 3"}]
                    else: other
                """.formatted(segmentFrom));
    }

    @Test
    void aSegmentOnAnEphemeralModelIsAPositionedCompileError() throws Exception {
        write("order_counts");
        DiagnosticException e = assertThrows(DiagnosticException.class,
                () -> DbtProjectBuildTest.compile(new ProjectLoader(dir).loadProject(dir)));
        assertEquals("segments/loyalty.yml:4:11: error[SF111]: segment 'loyalty' reads ephemeral model 'order_counts', "
                + "which is never built", e.diagnostics().get(0).format().lines().findFirst().orElseThrow());
    }

    @Test
    void segmentsAndTestsBuildOnAViewThatReadsTheEphemeral() throws Exception {
        write("customers");
        TargetConfig config = new TargetConfig("dev", "duckdb", Map.of("path", ":memory:"), dir);
        try (WarehouseAdapter adapter = Targets.factory("duckdb").open(config)) {
            assertEquals(Map.of("test.unique_order_counts_customer_id", "PASS"),
                    DbtTestConfigRunTest.run(dir, adapter, "r1"));
            assertEquals(List.of("entity_id,segment", "1,loyal", "2,other"), DbtProjectBuildTest.table(adapter,
                    "select entity_id, segment from segments.loyalty_members order by entity_id"));
        }
    }
}
