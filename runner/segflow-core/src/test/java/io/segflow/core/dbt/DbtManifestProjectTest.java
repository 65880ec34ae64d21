package io.segflow.core.dbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.execute.ExecuteOptions;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.ProjectExecutor;
import io.segflow.core.execute.RunListener;
import io.segflow.core.execute.Targets;
import io.segflow.core.graph.NodeSelector;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import io.segflow.core.project.SourceTable;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segflow project that reads a dbt manifest + catalog and builds a feature and a segment on dbt's marts. */
class DbtManifestProjectTest {
    static final Path JAFFLE = Path.of("src/test/resources/dbt/jaffle_shop").toAbsolutePath();

    @TempDir
    Path dir;

    private Path write(String dbtBlock) throws Exception {
        Files.createDirectories(dir.resolve("features"));
        Files.createDirectories(dir.resolve("segments"));
        Files.writeString(dir.resolve("segflow_project.yml"), "name: on_dbt\nschema: analytics\n" + dbtBlock);
        Files.writeString(dir.resolve("profiles.yml"), """
                on_dbt:
                  target: dev
                  outputs:
                    dev: {type: duckdb, path: ":memory:"}
                """);
        Files.writeString(dir.resolve("features/customer_value.sql"), """
                select customer_id, customer_lifetime_value / number_of_orders as avg_order_value
                from {{ ref('customers') }}
                where number_of_orders > 0
                """);
        Files.writeString(dir.resolve("segments/value.yml"), """
                segments:
                  - name: value
                    type: rules
                    from: customers
                    entity_key: customer_id
                    rules:
                      - {name: loyal, when: "number_of_orders >= 3"}
                      - {name: active, when: "number_of_orders > 0"}
                    else: prospect
                """);
        return dir;
    }

    private static Project load(Path dir) {
        return new ProjectLoader(null).loadProject(dir);
    }

    @Test
    void dbtRelationsAreTypedSourcesWithDescriptionsTagsAndUpstream() throws Exception {
        Project p = load(write("dbt:\n  manifest: " + JAFFLE.resolve("target/manifest.json") + "\n"));
        SourceTable customers = p.source("dbt", "customers").orElseThrow();
        assertEquals("main_marts", customers.schema());
        assertEquals(null, customers.database());
        assertEquals(List.of("customer_id INTEGER", "first_name VARCHAR", "last_name VARCHAR", "first_order DATE",
                "most_recent_order DATE", "number_of_orders BIGINT", "customer_lifetime_value DECIMAL(38,2)"),
                customers.columns().stream().map(c -> c.name() + " " + c.type()).toList());
        assertEquals("This is a unique identifier for a customer", customers.columns().get(0).description());
        assertEquals(List.of("mart"), customers.tags());
        assertEquals(List.of("source.dbt.stg_customers", "source.dbt.stg_orders", "source.dbt.stg_payments"), customers.upstream());
        assertTrue(customers.position().toString().endsWith("jaffle_shop/models/marts/customers.sql"), customers.position().toString());
        // a dbt source keeps its own name; its types come from the manifest's data_type
        SourceTable stores = p.source("ecom", "raw_stores").orElseThrow();
        assertEquals("raw", stores.schema());
        assertEquals(List.of("id integer", "name varchar"), stores.columns().stream().map(c -> c.name() + " " + c.type()).toList());
        // tests and ephemeral models are no relations; a snapshot is, with dbt's columns
        assertTrue(p.source("dbt", "unique_customers_customer_id").isEmpty());
        assertTrue(p.source("dbt", "int_order_payments").isEmpty());
        SourceTable snapshot = p.source("dbt", "orders_snapshot").orElseThrow();
        assertEquals("snapshots", snapshot.schema());
        assertEquals("dbt_valid_to", snapshot.columns().get(6).name());
    }

    @Test
    void featureAndSegmentBuildOnADbtMartWithoutSourceDeclarations() throws Exception {
        Project p = load(write("dbt:\n  manifest: " + JAFFLE.resolve("target/manifest.json") + "\n"));
        CompiledProject cp = new ProjectCompiler(p, new CompileOptions("dev", "duckdb", DuckDBSqlDialect.DEFAULT,
                Map.of(), Map.of(), null)).compile();
        assertTrue(cp.dag().node("feature.customer_value").orElseThrow().dependsOn().contains("source.dbt.customers"));
        // dbt's depends_on are DAG edges: selecting a feature's ancestors walks into dbt's models and seeds
        assertEquals(List.of("feature.customer_value", "source.dbt.customers", "source.dbt.raw_customers",
                "source.dbt.raw_orders", "source.dbt.raw_payments", "source.dbt.stg_customers", "source.dbt.stg_orders",
                "source.dbt.stg_payments"), NodeSelector.select(cp.dag(), List.of("+customer_value"), List.of())
                .stream().sorted().toList());
        assertEquals(List.of("source.dbt.customers", "source.dbt.orders"),
                NodeSelector.select(cp.dag(), List.of("tag:mart"), List.of()).stream().sorted().toList());
        TargetConfig config = new TargetConfig("t", "duckdb", Map.of("path", ":memory:"), dir);
        try (WarehouseAdapter adapter = Targets.factory("duckdb").open(config)) {
            // what `dbt build` left in the warehouse
            adapter.execute("create schema main_marts");
            adapter.execute("create table main_marts.customers (customer_id integer, first_name varchar, last_name varchar,"
                    + " first_order date, most_recent_order date, number_of_orders bigint, customer_lifetime_value decimal(38,2))");
            adapter.execute("insert into main_marts.customers values (1, 'Michael', 'P.', date '2018-01-01', date '2018-01-11', 3, 66.00),"
                    + " (2, 'Shawn', 'M.', date '2018-01-05', date '2018-01-14', 2, 18.00), (6, 'Sarah', 'R.', null, null, null, null)");
            ProjectExecutor ex = new ProjectExecutor(cp, adapter);
            ExecuteOptions options = new ExecuteOptions(1, false, true, true, true, false);
            List<String> selected = NodeSelector.select(cp.dag(), List.of(), List.of());
            for (NodeResult r : ex.execute(ex.plan(selected, options, "r1"), options, RunListener.NONE)) {
                assertTrue(r.status().name().equals("SUCCESS") || r.status().name().equals("PASS"), r.toString());
            }
            assertEquals(List.of("1|22.00", "2|9.00"), rows(adapter,
                    "select customer_id, cast(avg_order_value as decimal(10,2)) from analytics.customer_value order by 1"));
            assertEquals(List.of("1|loyal", "2|active", "6|prospect"),
                    rows(adapter, "select entity_id, segment from segments.value_members order by 1"));
        }
    }

    @Test
    void aMissingManifestIsAPositionedError() throws Exception {
        write("dbt:\n  manifest: ../nowhere/target/manifest.json\n");
        DiagnosticException e = org.junit.jupiter.api.Assertions.assertThrows(DiagnosticException.class, () -> load(dir));
        assertEquals("segflow_project.yml:4:13", e.diagnostics().get(0).position().toString(), e.getMessage());
        assertTrue(e.diagnostics().get(0).message().contains("not found"), e.getMessage());
    }

    @Test
    void brokenJsonIsReportedAtItsLineAndColumn() throws Exception {
        write("dbt:\n  manifest: target/manifest.json\n");
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/manifest.json"), "{\n  \"metadata\": {},\n  \"nodes\": {,\n}\n");
        DiagnosticException e = org.junit.jupiter.api.Assertions.assertThrows(DiagnosticException.class, () -> load(dir));
        assertEquals("SF110", e.diagnostics().get(0).code().id());
        assertEquals("target/manifest.json:3:13", e.diagnostics().get(0).position().toString(), e.getMessage());
    }

    /** Rows without the header line, cells joined by '|'. */
    static List<String> rows(WarehouseAdapter adapter, String sql) {
        List<String> table = DbtProjectBuildTest.table(adapter, sql);
        return table.subList(1, table.size()).stream().map(line -> line.replace(',', '|')).toList();
    }
}
