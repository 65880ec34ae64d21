package io.segflow.bigquery;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.zetasql.Analyzer;
import com.google.zetasql.SqlException;
import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledNode;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.CompiledTest;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every BigQuery statement segflow generates for the example project (feature DDL as the adapter sends it, the
 * incremental MERGE, every data test) and every BigQuery golden file of the dialect corpus is analysed by ZetaSQL,
 * BigQuery's own analyzer, against the project's schemas.
 */
class BigQueryZetaSqlValidationTest {
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("segflow_project.yml"))) p = p.getParent();
        return p;
    }

    static CompiledProject compileExample() {
        Project project = new ProjectLoader(null).loadProject(repoRoot());
        CompileOptions options = new CompileOptions("bigquery", "bigquery", new BigQueryAdapterFactory().dialect(),
                Map.of(), Map.of(), null);
        return new ProjectCompiler(project, options).compile();
    }

    /** Statement label to SQL, in the order the adapter would send them. */
    static Map<String, String> exampleStatements(CompiledProject cp) {
        BigQueryStatements statements = new BigQueryStatements(ZetaSqlCatalog.PROJECT);
        Map<String, String> out = new LinkedHashMap<>();
        for (CompiledNode n : cp.nodes().values()) {
            String m = n.config().materialized();
            out.put(n.name(), "view".equals(m) ? statements.replaceView(n.relation(), n.compiledSql())
                    : statements.replaceTable(n.relation(), n.compiledSql()));
            if (n.isIncremental()) {
                List<String> cols = n.columns().stream().map(ColumnDef::name).toList();
                out.put(n.name() + " (merge)", statements.merge(n.relation(), n.compiledIncrementalSql(), cols,
                        n.config().uniqueKey()));
            }
        }
        for (CompiledTest t : cp.tests().values()) out.put("test " + t.name(), t.compiledSql());
        return out;
    }

    static ZetaSqlCatalog catalogOf(CompiledProject cp) {
        ZetaSqlCatalog catalog = new ZetaSqlCatalog();
        cp.sources().forEach(catalog::add);
        for (CompiledNode n : cp.nodes().values()) catalog.add(n.relation(), n.columns());
        cp.seeds().values().forEach(s -> catalog.add(s.relation(), s.columns()));
        return catalog;
    }

    @Test
    void everyExampleStatementIsValidBigQuery() {
        CompiledProject cp = compileExample();
        ZetaSqlCatalog catalog = catalogOf(cp);
        Map<String, String> statements = exampleStatements(cp);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> e : statements.entrySet()) {
            try {
                Analyzer.analyzeStatement(e.getValue(), catalog.options, catalog.root);
            } catch (SqlException ex) {
                failures.add(e.getKey() + ": " + ex.getMessage() + "\n" + e.getValue());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
        assertTrue(statements.size() >= 8 + 1 + 15, "features, the merge and the tests: " + statements.size());
        System.out.println("ZetaSQL analysed " + statements.size() + " BigQuery statements of the example project");
    }

    @Test
    void everyBigQueryGoldenFileOfTheCorpusIsValidBigQuery() throws IOException {
        ZetaSqlCatalog catalog = new ZetaSqlCatalog();
        io.segflow.datagen.ExampleDataGenerator.TABLES.forEach((table, cols) ->
                catalog.add(RelationName.of("raw", table), cols));
        Path dir = repoRoot().resolve("runner/segflow-core/src/test/resources/dialects/bigquery");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertTrue(files.size() >= 7, "corpus files: " + files);
        for (Path f : files) {
            String sql = Files.readString(f);
            try {
                Analyzer.analyzeStatement(sql, catalog.options, catalog.root);
            } catch (SqlException ex) {
                fail(f.getFileName() + ": " + ex.getMessage() + "\n" + sql);
            }
        }
    }

    @Test
    void theAdaptersOwnStatementsAreValidBigQuery() throws SqlException {
        CompiledProject cp = compileExample();
        ZetaSqlCatalog catalog = catalogOf(cp);
        BigQueryStatements st = new BigQueryStatements(ZetaSqlCatalog.PROJECT);
        RelationName daily = RelationName.of("analytics", "daily_revenue");
        RelationName stage = daily.withName("daily_revenue__segflow_stage");
        catalog.add(stage, cp.nodeByName("daily_revenue").orElseThrow().columns());
        for (String sql : List.of(st.createSchema("analytics", "EU"), st.dropTable(daily, true),
                st.dropTable(stage, false), "CREATE TABLE " + st.render(daily) + " COPY " + st.render(stage),
                "SELECT * FROM (\n" + cp.nodeByName("daily_revenue").orElseThrow().compiledSql() + "\n) LIMIT 0")) {
            Analyzer.analyzeStatement(sql, catalog.options, catalog.root);
        }
    }

    @Test
    void theAnalyzerRejectsWhatBigQueryRejects() {
        CompiledProject cp = compileExample();
        ZetaSqlCatalog catalog = catalogOf(cp);
        // DuckDB's argument order and a quoted-string unit: what an untranslated statement would look like
        SqlException e = assertThrows(SqlException.class, () -> Analyzer.analyzeStatement(
                "SELECT date_diff('day', order_date, DATE '2024-12-31') FROM analytics.stg_orders",
                catalog.options, catalog.root));
        assertTrue(e.getMessage().contains("date part"), e.getMessage());
        assertThrows(SqlException.class, () -> Analyzer.analyzeStatement(
                "SELECT no_such_column FROM raw.orders", catalog.options, catalog.root));
        // Snowflake's DATEADD is not BigQuery
        assertThrows(SqlException.class, () -> Analyzer.analyzeStatement(
                "SELECT DATEADD(DAY, -3, order_date) FROM analytics.stg_orders", catalog.options, catalog.root));
        // a backslash is an escape in BigQuery literals: '\.' must be written '\\.'
        assertThrows(SqlException.class, () -> Analyzer.analyzeStatement(
                "SELECT REGEXP_CONTAINS('a.b', 'a\\.b')", catalog.options, catalog.root));
    }
}
