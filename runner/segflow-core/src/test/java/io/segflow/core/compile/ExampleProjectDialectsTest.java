package io.segflow.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.graph.GraphNode;
import io.segflow.core.graph.NodeKind;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import io.segflow.datagen.ExampleDataGenerator;
import io.segflow.duckdb.DuckDbAdapterFactory;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.junit.jupiter.api.Test;

/**
 * The example project compiled for Snowflake and BigQuery matches golden files
 * ({@code dialects/example/<dialect>/<node>.sql}); the Snowflake statements DuckDB also accepts return the rows of
 * the DuckDB build (the list of those is golden too). BigQuery statements are analysed by ZetaSQL in
 * segflow-bigquery. Regenerate with {@code -Dsegflow.updateGoldens=true}.
 */
class ExampleProjectDialectsTest {
    private static final Path ROOT = Path.of("src/test/resources/dialects/example");
    private static final boolean UPDATE = Boolean.getBoolean("segflow.updateGoldens");

    static CompiledProject compile(String target, SqlDialect dialect) {
        Project project = new ProjectLoader(null).loadProject(ExampleProjectCompileTest.repoRoot());
        return new ProjectCompiler(project, new CompileOptions(target, target, dialect, Map.of(), Map.of(), null)).compile();
    }

    /** Every statement segflow compiles for the project: features, incremental branches, tests. */
    static Map<String, String> statements(CompiledProject cp) {
        Map<String, String> out = new LinkedHashMap<>();
        for (GraphNode n : cp.dag().topologicalOrder()) {
            if (n.kind() != NodeKind.FEATURE) continue;
            CompiledNode c = cp.node(n.id()).orElseThrow();
            out.put(c.name(), c.compiledSql());
            if (c.compiledIncrementalSql() != null) out.put(c.name() + ".incremental", c.compiledIncrementalSql());
        }
        cp.tests().values().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(t -> out.put("test." + t.name(), t.compiledSql()));
        return out;
    }

    @Test
    void snowflakeAndBigQueryOutputsMatchGoldenFiles() throws IOException {
        for (Map.Entry<String, SqlDialect> d : Map.of("snowflake", (SqlDialect) SnowflakeSqlDialect.DEFAULT,
                "bigquery", BigQuerySqlDialect.DEFAULT).entrySet()) {
            Map<String, String> stmts = statements(compile(d.getKey(), d.getValue()));
            assertTrue(stmts.size() >= 8 + 1 + 15, stmts.keySet().toString());
            Path dir = ROOT.resolve(d.getKey());
            for (Map.Entry<String, String> s : stmts.entrySet()) {
                Path golden = dir.resolve(s.getKey() + ".sql");
                if (UPDATE) {
                    Files.createDirectories(dir);
                    Files.writeString(golden, s.getValue() + "\n");
                }
                assertTrue(Files.exists(golden), "missing golden " + golden);
                assertEquals(Files.readString(golden), s.getValue() + "\n", d.getKey() + " " + s.getKey());
            }
            try (var files = Files.list(dir)) {
                assertEquals(stmts.size(), files.count(), "stale golden files in " + dir);
            }
        }
    }

    @Test
    void snowflakeStatementsDuckDbAcceptsReturnTheDuckDbRows() throws IOException {
        CompiledProject duckCp = compile("dev", DuckDBSqlDialect.DEFAULT);
        Map<String, String> duckSql = statements(duckCp);
        Map<String, String> snowflakeSql = statements(compile("snowflake", SnowflakeSqlDialect.DEFAULT));
        TreeSet<String> runnable = new TreeSet<>();
        try (WarehouseAdapter duck = new DuckDbAdapterFactory().open(new TargetConfig("t", "duckdb", Map.of(), null))) {
            new ExampleDataGenerator(500, 3).generate(duck, "raw");
            duck.createSchemaIfMissing("analytics");
            for (CompiledSeed seed : duckCp.seeds().values()) {
                try (io.segflow.core.seed.CsvReader csv = seed.table().open()) {
                    duck.bulkLoad(seed.relation(), seed.columns(), seed.table().rows(csv), true);
                }
            }
            for (Map.Entry<String, String> s : duckSql.entrySet()) {
                String name = s.getKey();
                if (name.startsWith("test.") || name.endsWith(".incremental")) continue;
                duck.replaceTable(duckCp.nodeByName(name).orElseThrow().relation(), s.getValue());
            }
            for (Map.Entry<String, String> s : snowflakeSql.entrySet()) {
                List<String> got;
                try {
                    got = rows(duck, s.getValue());
                } catch (WarehouseException e) {
                    continue; // Snowflake-only syntax (DATEADD, DATEDIFF(DAY, ...)): golden file only
                }
                assertEquals(rows(duck, duckSql.get(s.getKey())), got, s.getKey());
                runnable.add(s.getKey());
            }
        }
        assertFalse(runnable.isEmpty());
        Path golden = ROOT.resolve("snowflake_runs_on_duckdb.txt");
        String text = String.join("\n", runnable) + "\n";
        if (UPDATE) Files.writeString(golden, text);
        assertEquals(Files.readString(golden), text);
    }

    private static List<String> rows(WarehouseAdapter duck, String sql) {
        List<String> out = new ArrayList<>();
        try (RowStream rs = duck.query("SELECT * FROM (" + sql + ") q ORDER BY ALL")) {
            while (rs.hasNext()) out.add(java.util.Arrays.toString(rs.next()));
        }
        return out;
    }
}
