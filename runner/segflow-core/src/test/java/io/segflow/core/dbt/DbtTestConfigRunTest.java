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
import io.segflow.spi.RelationName;
import io.segflow.spi.TableInfo;
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
 * dbt's test config on real DuckDB: {@code warn_if}/{@code error_if} compare the failure count (6 null statuses of 12
 * orders) with error_if, then warn_if, and {@code severity: warn} never errors; {@code store_failures} keeps the
 * failing rows in {@code <target schema>_dbt_test__audit}.
 */
class DbtTestConfigRunTest {
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
        TargetConfig config = new TargetConfig("dev", "duckdb", Map.of("path", ":memory:"), project);
        try (WarehouseAdapter adapter = Targets.factory("duckdb").open(config)) {
            return run(project, adapter, "r1");
        }
    }

    /** Builds and tests the whole project; the test results as "STATUS message" by id. */
    static Map<String, String> run(Path project, WarehouseAdapter adapter, String runId) throws Exception {
        CompiledProject cp = DbtProjectBuildTest.compile(new ProjectLoader(project).loadProject(project));
        ProjectExecutor ex = new ProjectExecutor(cp, adapter);
        ExecuteOptions options = new ExecuteOptions(1, false, true, true, true, false);
        List<String> selected = ProjectExecutor.withAttachedTests(cp,
                NodeSelector.select(cp.dag(), List.of(), List.of()), Set.of());
        Map<String, String> statuses = new TreeMap<>();
        for (NodeResult r : ex.execute(ex.plan(selected, options, runId), options, RunListener.NONE)) {
            if (r.id().startsWith("test.")) {
                statuses.put(r.id(), r.status().name() + (r.message() == null ? "" : " " + r.message()));
            }
        }
        return statuses;
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
    void failCalcIsTheFailureCount() throws Exception {
        Map<String, String> statuses = run(write("""
                          - not_null
                """ + """
                      - name: order_id
                        data_tests:
                          - dbt_utils.expression_is_true:
                              expression: "< 10"
                              config: {fail_calc: "sum(order_id)", warn_if: ">=21", error_if: ">=34"}
                          - dbt_utils.expression_is_true:
                              expression: "< 10"
                              config: {fail_calc: "sum(order_id)", error_if: ">=33"}
                          - dbt_utils.expression_is_true:
                              expression: "< 100"
                              config: {fail_calc: "sum(order_id)"}
                """));
        statuses.remove("test.not_null_orders_status");
        // orders 10, 11 and 12 fail: fail_calc sums their ids (33) instead of counting them (3)
        assertEquals(Map.of(
                "test.dbt_utils_expression_is_true_orders_order_id_b9e3a", "WARN fail_calc 33",
                "test.dbt_utils_expression_is_true_orders_order_id_b9e3a_2", "FAIL fail_calc 33",
                "test.dbt_utils_expression_is_true_orders_order_id_84718", "PASS"), statuses);
    }

    @Test
    void storeFailuresKeepsTheFailingRowsInTheAuditSchemaReplacedEachRun() throws Exception {
        write("""
                          - not_null: {config: {store_failures: true, warn_if: ">100", error_if: ">100"}}
                          - accepted_values: {values: [placed], config: {store_failures_as: view}}
                          - not_null: {config: {store_failures: true, store_failures_as: ephemeral}}
                """);
        TargetConfig config = new TargetConfig("dev", "duckdb", Map.of("path", ":memory:"), dir);
        try (WarehouseAdapter adapter = Targets.factory("duckdb").open(config)) {
            for (String runId : List.of("r1", "r2")) {
                assertEquals(Map.of(
                        "test.not_null_orders_status",
                        "PASS 6 failing rows, stored in main_dbt_test__audit.not_null_orders_status",
                        "test.accepted_values_orders_status",
                        "PASS no failing rows, stored in main_dbt_test__audit.accepted_values_orders_status",
                        "test.not_null_orders_status_2", "FAIL 6 failing rows"), run(dir, adapter, runId));
                assertEquals(List.of("order_id,status", "1,", "3,", "5,", "7,", "9,", "11,"), DbtProjectBuildTest.table(
                        adapter, "select * from main_dbt_test__audit.not_null_orders_status order by order_id"));
            }
            RelationName view = RelationName.of("main_dbt_test__audit", "accepted_values_orders_status");
            assertEquals(TableInfo.Kind.VIEW, adapter.describe(view).orElseThrow().kind());
            assertEquals(TableInfo.Kind.TABLE, adapter.describe(RelationName.of("main_dbt_test__audit",
                    "not_null_orders_status")).orElseThrow().kind());
            assertEquals(2, adapter.listRelations("main_dbt_test__audit").size());
            Files.writeString(dir.resolve("models/schema.yml"), Files.readString(dir.resolve("models/schema.yml"))
                    .replace("store_failures_as: view", "store_failures_as: table"));
            run(dir, adapter, "r3");
            assertEquals(TableInfo.Kind.TABLE, adapter.describe(view).orElseThrow().kind());
        }
    }

    @Test
    void anUnknownStoreFailuresAsIsAPositionedError() throws Exception {
        write("""
                          - not_null: {config: {store_failures_as: temp_table}}
                """);
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> new ProjectLoader(dir).loadProject(dir));
        assertEquals("models/schema.yml:7:52: error[SF106]: invalid store_failures_as 'temp_table'",
                e.diagnostics().get(0).format().lines().findFirst().orElseThrow());
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
