package io.segflow.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.project.Project;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.project.ProjectLoader;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.sql.DialectCompiler;
import io.segflow.core.sql.SqlCatalog;
import io.segflow.core.sql.SqlValidation;
import io.segflow.core.sql.Portability;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlDialect;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every feature, incremental MERGE, data test and segment query of every valid project in the repository (the example, the
 * examples/, the init template, the benchmark and test projects) compiled for BigQuery and analysed by ZetaSQL.
 * Deliberately broken projects (broken_*, the CLI's golden error projects) are the only ones left out.
 */
class BigQueryZetaSqlTestProjectsTest {
    static List<Path> validProjects() throws IOException {
        Path root = BigQueryZetaSqlValidationTest.repoRoot();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals("segflow_project.yml"))
                    .map(Path::getParent)
                    .filter(p -> {
                        String rel = root.relativize(p).toString().replace('\\', '/');
                        // the loader's fixtures (test/resources/projects) declare sources without column types;
                        // docs-examples/ are completed by a docs block (DocsExamplesTest), not projects on their own;
                        // bench/work/ holds what the benchmarks generate (git-ignored, up to 11,000 features)
                        return !rel.contains("target/") && !rel.startsWith("bench/work/") && !rel.contains("/golden/") && !rel.contains("broken_")
                                && !rel.contains("src/test/resources/projects/")
                                && !rel.contains("src/test/resources/docs-examples/") && !rel.startsWith(".");
                    })
                    .sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyStatementOfEveryValidProjectIsValidBigQuery() throws IOException {
        List<Path> projects = validProjects();
        assertTrue(projects.size() >= 5, "projects found: " + projects);
        Path root = BigQueryZetaSqlValidationTest.repoRoot();
        return projects.stream().map(dir -> DynamicTest.dynamicTest(
                dir.equals(root) ? "(example project)" : root.relativize(dir).toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws IOException {
        Project project = BigQueryZetaSqlValidationTest.withCoreSegmentsOnly(new ProjectLoader(null)
                .loadProject(instantiated(dir)));
        CompileOptions options = new CompileOptions("bigquery", "bigquery", new BigQueryAdapterFactory().dialect(),
                Map.of(), Map.of(), relation -> Optional.empty());
        CompiledProject cp = new ProjectCompiler(project, options).compile();
        ZetaSqlCatalog catalog = BigQueryZetaSqlValidationTest.catalogOf(cp);
        Map<String, String> statements = new LinkedHashMap<>(BigQueryZetaSqlValidationTest.exampleStatements(cp));
        for (CompiledSegment seg : cp.segments().values()) {
            statements.put("segment " + seg.name(), seg.compiledSql());
            if (seg.compiledProfileSql() != null) statements.put("segment " + seg.name() + " profile", seg.compiledProfileSql());
        }
        assertFalse(statements.isEmpty(), "no statements in " + dir);
        List<String> failures = BigQueryZetaSqlValidationTest.analyse(statements, catalog);
        assertTrue(failures.isEmpty(), dir + ":\n" + String.join("\n\n", failures));
    }

    /** ZetaSQL rejects a reference to an alias of the same SELECT list; segflow emits it inlined, which it accepts. */
    @org.junit.jupiter.api.Test
    void selectListAliasReferencesReachBigQueryInlined() {
        RelationName mrr = RelationName.of("analytics", "monthly_revenue");
        List<ColumnDef> columns = List.of(ColumnDef.of("account_id", "BIGINT"), ColumnDef.of("month", "DATE"),
                ColumnDef.of("mrr", "DOUBLE"));
        SqlCatalog catalog = new SqlCatalog();
        catalog.add(mrr, columns);
        ValidatedSql v = new SqlValidation(catalog).validateQuery("select account_id, month, mrr,\n"
                + "  lag(mrr) over (partition by account_id order by month) as previous_month_mrr,\n"
                + "  mrr - previous_month_mrr as mrr_change\nfrom analytics.monthly_revenue", SourcePosition.of(Path.of("f.sql")));
        ZetaSqlCatalog zeta = new ZetaSqlCatalog();
        zeta.add(mrr, columns);
        SqlDialect bigQuery = new BigQueryAdapterFactory().dialect();
        ValidatedSql asWritten = new ValidatedSql(v.renderedSql(), v.parsed(), v.columns(), v::lineage,
                v.relationsUsed(), v.expressionTypes(), Portability.NONE);
        Map<String, String> statements = Map.of("as written", DialectCompiler.compile(asWritten, bigQuery),
                "inlined", DialectCompiler.compile(v, bigQuery));
        List<String> failures = BigQueryZetaSqlValidationTest.analyse(statements, zeta);
        assertEquals(1, failures.size(), String.join("\n", failures));
        assertTrue(failures.get(0).startsWith("as written: Unrecognized name: previous_month_mrr"), failures.get(0));
    }

    /** The init template holds {{project_name}} placeholders that `segflow init` fills: fill them in a copy. */
    private static Path instantiated(Path dir) throws IOException {
        if (!Files.readString(dir.resolve("segflow_project.yml")).contains("{{project_name}}")) return dir;
        Path copy = Files.createTempDirectory("segflow-template");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = copy.resolve(dir.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.writeString(to, Files.readString(f).replace("{{project_name}}", "template"));
            }
        }
        return copy;
    }
}
