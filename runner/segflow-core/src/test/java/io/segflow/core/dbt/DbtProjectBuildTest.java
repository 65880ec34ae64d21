package io.segflow.core.dbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.execute.ExecuteOptions;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.ProjectExecutor;
import io.segflow.core.execute.RunListener;
import io.segflow.core.execute.Targets;
import io.segflow.core.graph.NodeSelector;
import io.segflow.core.project.Feature;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jaffle_shop-shaped dbt project under test resources builds and tests with zero edits (dbt_project.yml,
 * version: 2 properties, data_tests, test config blocks, a docs block, folder configs, a Jinja loop, a contract) and
 * its marts equal the CSVs docs/dbt/jaffle_expected.py computed with pandas.
 */
class DbtProjectBuildTest {
    static final Path EXPECTED = Path.of("src/test/resources/dbt/jaffle_shop_expected").toAbsolutePath();

    @TempDir
    Path dir;

    /** The fixture without dbt's target/ folder, and a dbt-style ~/.dbt/profiles.yml beside it. */
    static Path copyFixture(Path into) throws IOException {
        Path project = into.resolve("jaffle_shop");
        try (Stream<Path> files = Files.walk(DbtManifestProjectTest.JAFFLE)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path rel = DbtManifestProjectTest.JAFFLE.relativize(p);
                if (rel.startsWith("target")) continue;
                Files.createDirectories(project.resolve(rel).getParent());
                Files.copy(p, project.resolve(rel));
            }
        }
        Files.createDirectories(into.resolve("dot-dbt"));
        Files.writeString(into.resolve("dot-dbt/profiles.yml"), """
                jaffle_shop:
                  target: dev
                  outputs:
                    dev:
                      type: duckdb
                      path: ":memory:"
                      threads: 1
                """);
        return project;
    }

    static CompiledProject compile(Project p) {
        return new ProjectCompiler(p, new CompileOptions("dev", "duckdb", DuckDBSqlDialect.DEFAULT, Map.of(), Map.of(),
                null)).compile();
    }

    @Test
    void loadsDbtConventions() throws Exception {
        Path project = copyFixture(dir);
        Project p = new ProjectLoader(dir.resolve("dot-dbt")).loadProject(project);
        Feature stg = p.feature("stg_orders").orElseThrow();
        assertEquals("view", stg.config().materialized());
        assertEquals("main", stg.config().schema());
        assertEquals(List.of("staging"), stg.config().tags());
        Feature orders = p.feature("orders").orElseThrow();
        assertEquals("table", orders.config().materialized());
        assertEquals("main_marts", orders.config().schema());
        assertEquals(List.of("mart"), orders.config().tags());
        assertTrue(orders.columns().stream().filter(c -> c.name().equals("status")).findFirst().orElseThrow()
                .description().startsWith("Orders can be one of the following statuses:"));
        assertTrue(p.feature("customers").orElseThrow().contractEnforced());
        assertEquals(List.of("payment_methods"), List.copyOf(p.config().vars().keySet()));
    }

    @Test
    void buildsAndTestsWithZeroEditsAndMatchesIndependentlyComputedMarts() throws Exception {
        Path project = copyFixture(dir);
        CompiledProject cp = compile(new ProjectLoader(dir.resolve("dot-dbt")).loadProject(project));
        TargetConfig config = new TargetConfig("dev", "duckdb", Map.of("path", ":memory:"), project);
        try (WarehouseAdapter adapter = Targets.factory("duckdb").open(config)) {
            ProjectExecutor ex = new ProjectExecutor(cp, adapter);
            ExecuteOptions options = new ExecuteOptions(1, false, true, true, true, false);
            List<String> selected = ProjectExecutor.withAttachedTests(cp, NodeSelector.select(cp.dag(), List.of(), List.of()),
                    java.util.Set.of());
            Map<String, String> statuses = new TreeMap<>();
            for (NodeResult r : ex.execute(ex.plan(selected, options, "r1"), options, RunListener.NONE)) {
                statuses.put(r.id(), r.status().name() + (r.message() == null ? "" : " " + r.message()));
            }
            statuses.forEach((id, s) -> assertTrue(s.startsWith("SUCCESS") || s.startsWith("PASS"), id + ": " + s));
            assertEquals(37, statuses.size(), statuses.toString());
            // tests on the ephemeral model read it inlined as a CTE, as its dependents do
            assertEquals("PASS", statuses.get("test.unique_int_order_payments_order_id"));
            assertTrue(cp.tests().get("test.not_null_int_order_payments_order_id").compiledSql()
                    .contains("\"__dbt__cte__int_order_payments\" AS ("));
            // the ephemeral model is inlined as a CTE into orders and never built
            assertTrue(statuses.get("feature.int_order_payments").startsWith("SUCCESS"));
            assertTrue(cp.node("feature.orders").orElseThrow().compiledSql().contains("\"__dbt__cte__int_order_payments\" AS ("),
                    cp.node("feature.orders").orElseThrow().compiledSql());
            assertTrue(adapter.describe(io.segflow.spi.RelationName.of("main", "int_order_payments")).isEmpty());
            assertEquals(expected("customers.csv"), table(adapter, "select * from main_marts.customers order by customer_id"));
            assertEquals(expected("orders.csv"), table(adapter, "select * from main_marts.orders order by order_id"));

            // the check-strategy snapshot: every order current; a changed status closes its row and adds a version
            assertEquals(List.of("count_star(),count(dbt_valid_to),count(DISTINCT dbt_scd_id)", "10,0,10"),
                    table(adapter, "select count(*), count(dbt_valid_to), count(distinct dbt_scd_id) from snapshots.orders_snapshot"));
            adapter.execute("update main.raw_orders set status = 'shipped' where id = 5");
            List<String> snapshotOnly = NodeSelector.select(cp.dag(), List.of("orders_snapshot"), List.of());
            for (NodeResult r : ex.execute(ex.plan(snapshotOnly, options, "r2"), options, RunListener.NONE)) {
                assertEquals("SUCCESS", r.status().name(), r.toString());
            }
            assertEquals(List.of("order_id,status,closed", "5,placed,true", "5,shipped,false"), table(adapter,
                    "select order_id, status, dbt_valid_to is not null as closed from snapshots.orders_snapshot "
                            + "where order_id = 5 order by dbt_valid_from, closed desc"));
            assertEquals(List.of("count_star()", "11"), table(adapter, "select count(*) from snapshots.orders_snapshot"));
        }
    }

    private static List<String> expected(String file) throws IOException {
        return Files.readAllLines(EXPECTED.resolve(file));
    }

    /** Rows as CSV lines with a header: nulls empty, decimals with two places, dates as yyyy-mm-dd. */
    static List<String> table(WarehouseAdapter adapter, String sql) {
        List<String> out = new ArrayList<>();
        try (RowStream rs = adapter.query(sql)) {
            out.add(String.join(",", rs.columns().stream().map(c -> c.name()).toList()));
            while (rs.hasNext()) {
                Object[] r = rs.next();
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < r.length; i++) {
                    boolean decimal = rs.columns().get(i).type().startsWith("DECIMAL");
                    cells.add(r[i] == null ? "" : decimal ? new java.math.BigDecimal(String.valueOf(r[i]))
                            .setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString() : String.valueOf(r[i]));
                }
                out.add(String.join(",", cells));
            }
        }
        return out;
    }
}
