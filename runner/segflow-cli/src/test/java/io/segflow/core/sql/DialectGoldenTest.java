package io.segflow.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.datagen.ExampleDataGenerator;
import io.segflow.duckdb.DuckDbAdapterFactory;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import io.segflow.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dialect corpus: realistic feature and segment SQL in {@code dialects/cases}, compiled to DuckDB, Snowflake
 * and BigQuery and compared with the golden files {@code dialects/<dialect>/<case>.sql}. The DuckDB output runs on
 * DuckDB over generated example data and must return the rows of the SQL as written; Snowflake output that DuckDB
 * also accepts must return the same rows (which cases those are is itself a golden file). BigQuery output is
 * analysed by ZetaSQL in segflow-bigquery's tests. Regenerate goldens with {@code -Dsegflow.updateGolden=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DialectGoldenTest {
    static final Path ROOT = Path.of("src/test/resources/dialects");
    private static final Map<String, SqlDialect> DIALECTS = Map.of("duckdb", DuckDBSqlDialect.DEFAULT,
            "snowflake", SnowflakeSqlDialect.DEFAULT, "bigquery", BigQuerySqlDialect.DEFAULT,
            "postgres", PostgresqlSqlDialect.DEFAULT);

    private WarehouseAdapter duck;
    private SqlValidation validation;

    @BeforeAll
    void generateExampleData() {
        duck = new DuckDbAdapterFactory().open(new TargetConfig("golden", "duckdb", Map.of(), null));
        new ExampleDataGenerator(1500, 7).generate(duck, "raw");
        SqlCatalog catalog = new SqlCatalog();
        ExampleDataGenerator.TABLES.forEach((table, cols) -> catalog.add(RelationName.of("raw", table), cols));
        validation = new SqlValidation(catalog);
    }

    @AfterAll
    void close() {
        duck.close();
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("cases"))) {
            return files.map(p -> p.getFileName().toString().replace(".sql", "")).sorted().toList().stream();
        }
    }

    /** The case compiled for {@code dialect} (public to sibling tests through the golden files only). */
    private String compile(String name, String dialect) throws IOException {
        String sql = Files.readString(ROOT.resolve("cases").resolve(name + ".sql"));
        ValidatedSql v = validation.validateQuery(sql, new SourcePosition(Path.of(name + ".sql"), 1, 1));
        return DialectCompiler.compile(v, DIALECTS.get(dialect));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void compiledSqlMatchesGoldenFiles(String name) throws IOException {
        for (String dialect : List.of("duckdb", "snowflake", "bigquery", "postgres")) {
            String compiled = compile(name, dialect) + "\n";
            Path golden = ROOT.resolve(dialect).resolve(name + ".sql");
            GoldenFile.assertMatches(golden, compiled, dialect + " output of " + name);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void duckDbOutputReturnsTheRowsOfTheSqlAsWritten(String name) throws IOException {
        String written = Files.readString(ROOT.resolve("cases").resolve(name + ".sql"));
        List<String> expected = rows(written);
        assertFalse(expected.isEmpty(), name + " returns rows on the example data");
        assertEquals(expected, rows(compile(name, "duckdb")));
    }

    @Test
    void snowflakeOutputThatDuckDbAcceptsReturnsTheSameRows() throws IOException {
        TreeSet<String> runnable = new TreeSet<>();
        for (String name : cases().toList()) {
            String snowflake = compile(name, "snowflake");
            List<String> got;
            try {
                got = rows(snowflake);
            } catch (WarehouseException e) {
                continue; // a Snowflake-only construct (DATEADD, TO_CHAR...): covered by the golden file
            }
            assertEquals(rows(compile(name, "duckdb")), got, "Snowflake SQL of " + name + " ran on DuckDB with other rows");
            runnable.add(name);
        }
        Path golden = ROOT.resolve("snowflake_runs_on_duckdb.txt");
        String text = String.join("\n", runnable) + "\n";
        GoldenFile.assertMatches(golden, text, "which Snowflake outputs also run on DuckDB");
    }

    private List<String> rows(String sql) {
        List<String> out = new ArrayList<>();
        try (RowStream rs = duck.query(sql)) {
            while (rs.hasNext()) {
                StringBuilder sb = new StringBuilder();
                for (Object v : rs.next()) sb.append(v instanceof Double d ? String.format("%.6f", d) : v).append('|');
                out.add(sb.toString());
            }
        }
        return out;
    }
}
