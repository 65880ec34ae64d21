package io.segflow.core.dbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.execute.ExecuteOptions;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.ProjectExecutor;
import io.segflow.core.execute.RunListener;
import io.segflow.core.execute.Targets;
import io.segflow.core.graph.NodeSelector;
import io.segflow.core.project.ProjectLoader;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt's {@code warn_if}/{@code error_if} on real DuckDB: the failure count (6 null statuses of 12 orders) is compared
 * with error_if, then warn_if; {@code severity: warn} never errors.
 */
class DbtTestThresholdsTest {
    @TempDir
    Path dir;

    private Path write(String statusTests) throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(dir.resolve("dbt_project.yml"), "name: shop\nprofile: shop\n");
        Files.writeString(dir.resolve("profiles.yml"),
                "shop:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: \":memory:\"}\n");
        StringBuilder csv = new StringBuilder("order_id,status\n");
        for (int i = 1; i <= 12; i++) csv.append(i).append(',').append(i % 2 == 0 ? "placed" : "").append('\n');
        Files.writeString(dir.resolve("seeds/raw_orders.csv"), csv.toString());
        Files.writeString(dir.resolve("models/orders.sql"), "select order_id, status from {{ ref('raw_orders') }}\n");
        Files.writeString(dir.resolve("models/schema.yml"), """
                version: 2
                models:
                  - name: orders
                    columns:
                      - name: status
                        data_tests:
                """ + statusTests);
        return dir;
    }

    static Map<String, String> run(Path project) throws Exception {
        CompiledProject cp = DbtProjectBuildTest.compile(new ProjectLoader(project).loadProject(project));
        TargetConfig config = new TargetConfig("dev", "duckdb", Map.of("path", ":memory:"), project);
        try (WarehouseAdapter adapter = Targets.factory("duckdb").open(config)) {
            ProjectExecutor ex = new ProjectExecutor(cp, adapter);
            ExecuteOptions options = new ExecuteOptions(1, false, true, true, true, false);
            List<String> selected = ProjectExecutor.withAttachedTests(cp,
                    NodeSelector.select(cp.dag(), List.of(), List.of()), Set.of());
            Map<String, String> statuses = new TreeMap<>();
            for (NodeResult r : ex.execute(ex.plan(selected, options, "r1"), options, RunListener.NONE)) {
                if (r.id().startsWith("test.")) {
                    statuses.put(r.id(), r.status().name() + (r.message() == null ? "" : " " + r.message()));
                }
            }
            return statuses;
        }
    }

    @Test
    void failureCountIsComparedWithErrorIfThenWarnIf() throws Exception {
        Map<String, String> statuses = run(write("""
                          - not_null: {config: {error_if: ">10"}}
                          - not_null: {config: {error_if: ">5"}}
                          - not_null: {config: {warn_if: ">10", error_if: ">10"}}
                          - not_null: {config: {severity: warn, error_if: ">=1"}}
                          - not_null: {config: {warn_if: "!= 6", error_if: "> 100"}}
                          - not_null: {config: {warn_if: "<100", error_if: ">=100"}}
                          - not_null
                """));
        assertEquals(Map.of(
                "test.not_null_orders_status", "WARN 6 failing rows",
                "test.not_null_orders_status_2", "FAIL 6 failing rows",
                "test.not_null_orders_status_3", "PASS 6 failing rows",
                "test.not_null_orders_status_4", "WARN 6 failing rows",
                "test.not_null_orders_status_5", "PASS 6 failing rows",
                "test.not_null_orders_status_6", "WARN 6 failing rows",
                "test.not_null_orders_status_7", "FAIL 6 failing rows"), statuses);
    }

    @Test
    void aConditionThatIsNotAComparisonIsAPositionedError() throws Exception {
        write("""
                          - not_null: {config: {error_if: "more than 10"}}
                """);
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> new ProjectLoader(dir).loadProject(dir));
        assertEquals("models/schema.yml:7:43: error[SF106]: invalid error_if condition 'more than 10'",
                e.diagnostics().get(0).format().lines().findFirst().orElseThrow());
    }
}
