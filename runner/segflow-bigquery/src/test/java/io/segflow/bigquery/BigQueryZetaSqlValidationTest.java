package io.segflow.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.zetasql.Analyzer;
import com.google.zetasql.SqlException;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedCreateTableStmtBase;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedCreateViewBase;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledNode;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.CompiledTest;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.project.Project;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.SegmentTest;
import io.segflow.core.segment.SegmentTestSql;
import io.segflow.core.segment.store.MembershipSql;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.core.project.ProjectLoader;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every BigQuery statement segflow generates for the example project (feature DDL as the adapter sends it, the
 * incremental MERGE, every data test, and every segment statement: membership, profile, membership store, segment
 * tests) and every BigQuery golden file of the dialect corpus is analysed by ZetaSQL,
 * BigQuery's own analyzer, against the project's schemas.
 */
class BigQueryZetaSqlValidationTest {
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("segflow_project.yml"))) p = p.getParent();
        return p;
    }

    static CompiledProject compileExample() {
        Project project = withCoreSegmentsOnly(new ProjectLoader(null).loadProject(repoRoot()));
        CompileOptions options = new CompileOptions("bigquery", "bigquery", new BigQueryAdapterFactory().dialect(),
                Map.of(), Map.of(), null);
        return new ProjectCompiler(project, options).compile();
    }

    /** Model segments (segflow-ml) get their scoring SQL only after training: BigQueryModelScoringSqlTest covers it. */
    static Project withCoreSegmentsOnly(Project loaded) {
        var coreTypes = io.segflow.core.segment.SegmentTypes.available().entrySet().stream()
                .filter(e -> e.getValue().getClass().getName().startsWith("io.segflow.core.")).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
        return new Project(loaded.root(), loaded.config(), loaded.sources(), loaded.features(), loaded.seeds(),
                loaded.macros(), loaded.singularTests(), loaded.segments().stream()
                .filter(s -> coreTypes.contains(s.type())).toList(), loaded.targets(), loaded.defaultTarget());
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

    /** "label: ZetaSQL's message + the SQL" of each statement ZetaSQL rejects. */
    static List<String> analyse(Map<String, String> statements, ZetaSqlCatalog catalog) {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> e : statements.entrySet()) {
            try {
                Analyzer.analyzeStatement(e.getValue(), catalog.options, catalog.root);
            } catch (SqlException ex) {
                failures.add(e.getKey() + ": " + ex.getMessage() + "\n" + e.getValue());
            }
        }
        return failures;
    }

    @Test
    void everyExampleStatementIsValidBigQuery() {
        CompiledProject cp = compileExample();
        ZetaSqlCatalog catalog = catalogOf(cp);
        Map<String, String> statements = exampleStatements(cp);
        List<String> failures = analyse(statements, catalog);
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
        assertTrue(statements.size() >= 8 + 1 + 15, "features, the merge and the tests: " + statements.size());
        System.out.println("ZetaSQL analysed " + statements.size() + " BigQuery statements of the example project");
    }

    /**
     * Every segment statement of the example project, in the order a build sends them: per segmentation the
     * membership and profile queries, the membership-store statements of one run (staging table, table DDL,
     * comparison queries, the transaction's DML between BEGIN and COMMIT, the audit rows, the export view), then
     * the queries of every segment test. Tables created on the way join the catalog as ZetaSQL resolved them.
     */
    /**
     * Known gap: RFM quantile edges use the ordered-set aggregate {@code PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x)},
     * which BigQuery lacks (it has only the analytic {@code PERCENTILE_CONT(x, p) OVER ()}); the dialect translation
     * does not rewrite it yet. The rest of rfm's store statements are analysed against a staging table of the
     * contract's columns.
     */
    static final List<String> KNOWN_GAPS = List.of();
    static final List<ColumnDef> CONTRACT = List.of(new ColumnDef("entity_id", "BIGINT", true),
            new ColumnDef("segment", "VARCHAR", true), new ColumnDef("score", "DOUBLE", true),
            new ColumnDef("explanation", "VARCHAR", true));

    static Map<String, String> segmentStatements(CompiledProject cp) {
        BigQueryStatements st = new BigQueryStatements(ZetaSqlCatalog.PROJECT);
        StoreDialect d = StoreDialect.of(new BigQueryAdapterFactory().dialect(), BigQueryStatements::quote, st::render);
        List<CompiledSegment> segments = cp.segments().values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name())).toList();
        Map<String, String> out = new LinkedHashMap<>();
        for (CompiledSegment seg : segments) {
            String n = seg.name();
            out.put("segment " + n, seg.compiledSql());
            if (seg.compiledProfileSql() != null) out.put("segment " + n + " profile", seg.compiledProfileSql());
            MembershipTables tables = new MembershipTables(MembershipTables.DEFAULT_SCHEMA, n);
            MembershipSql sql = new MembershipSql(d, tables, seg.plan().multiMembership());
            Map<String, String> run = sql.statementsOfOneRun(seg.compiledSql(), "run-1", Instant.parse("2024-12-31T06:00:00Z"),
                    Instant.parse("2024-12-31T06:00:05Z"), seg.definitionHash(), seg.minSize(5));
            out.put("store " + n + " schema", st.createSchema(tables.schema(), "EU"));
            for (Map.Entry<String, String> e : run.entrySet()) {
                String label = "store " + n + " " + e.getKey();
                if (e.getKey().equals("stage (table query)")) out.put(label, st.replaceTable(tables.staging(), e.getValue()));
                else if (e.getKey().startsWith("export")) out.put(label, st.replaceView(tables.export(), e.getValue()));
                else if (e.getKey().equals("apply 1")) {
                    out.put("store " + n + " begin", "BEGIN TRANSACTION");
                    out.put(label, e.getValue());
                } else if (e.getKey().equals("drop staging")) {
                    out.put("store " + n + " commit", "COMMIT TRANSACTION");
                    out.put(label, e.getValue());
                } else out.put(label, e.getValue());
            }
        }
        for (CompiledSegment seg : segments) {
            SegmentTestSql tests = new SegmentTestSql(d, seg);
            for (SegmentTest t : seg.tests()) tests.statements(t).forEach((label, q) -> out.put(t.id() + " " + label, q));
        }
        return out;
    }

    @Test
    void everySegmentStatementOfTheExampleIsValidBigQuery() {
        CompiledProject cp = compileExample();
        ZetaSqlCatalog catalog = catalogOf(cp);
        Map<String, String> statements = segmentStatements(cp);
        List<String> failures = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        for (Map.Entry<String, String> e : statements.entrySet()) {
            try {
                ResolvedStatement resolved = Analyzer.analyzeStatement(e.getValue(), catalog.options, catalog.root);
                if (resolved instanceof ResolvedCreateTableStmtBase created) {
                    catalog.addCreated(created.getNamePath(), created.getColumnDefinitionList());
                }
                if (resolved instanceof ResolvedCreateViewBase view) {
                    catalog.addCreatedView(view.getNamePath(), view.getOutputColumnList());
                }
            } catch (SqlException ex) {
                if (KNOWN_GAPS.contains(e.getKey()) && ex.getMessage().contains("WITHIN")) {
                    gaps.add(e.getKey());
                    if (e.getKey().startsWith("store ")) catalog.add(RelationName.of("segments", "rfm__staging"), CONTRACT);
                } else {
                    failures.add(e.getKey() + ": " + ex.getMessage() + "\n" + e.getValue());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
        // fails when the gap is closed: then empty KNOWN_GAPS
        assertEquals(KNOWN_GAPS, gaps, "statements of the known BigQuery gap");
        assertEquals(3, statements.keySet().stream().filter(k -> k.startsWith("segment ") && !k.endsWith("profile")).count());
        assertTrue(statements.values().stream().anyMatch(q -> q.startsWith("insert into ") && q.contains("_history_closed`")),
                "the copy of leaving members to the ended history");
        assertTrue(statements.size() >= 80, "segment statements: " + statements.size());
        System.out.println("ZetaSQL analysed " + (statements.size() - gaps.size()) + " of " + statements.size()
                + " BigQuery segment statements of the example project; known gap: " + gaps);
    }

    /** The transaction the adapter sends for a run is one script: BEGIN, the DML, COMMIT. */
    @Test
    void aRunsDmlIsOneMultiStatementTransaction() {
        String script = BigQueryStatements.transaction(List.of("DELETE FROM `d`.`t` WHERE true", "INSERT INTO `d`.`t` VALUES (1)"));
        assertEquals("BEGIN TRANSACTION;\nDELETE FROM `d`.`t` WHERE true;\nINSERT INTO `d`.`t` VALUES (1);\nCOMMIT TRANSACTION;",
                script);
    }

    @Test
    void everyBigQueryGoldenFileOfTheCorpusIsValidBigQuery() throws IOException {
        ZetaSqlCatalog catalog = new ZetaSqlCatalog();
        io.segflow.datagen.ExampleDataGenerator.TABLES.forEach((table, cols) ->
                catalog.add(RelationName.of("raw", table), cols));
        Path dir = repoRoot().resolve("runner/segflow-cli/src/test/resources/dialects/bigquery");
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
