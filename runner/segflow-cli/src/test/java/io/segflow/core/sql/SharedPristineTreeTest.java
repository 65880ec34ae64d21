package io.segflow.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.datagen.ExampleDataGenerator;
import io.segflow.spi.RelationName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.junit.jupiter.api.Test;

/**
 * {@link DialectCompiler} emits every dialect from one pristine parse tree and copies it only for the rewrites that
 * edit in place: over the dialect corpus, emitting every dialect (in two orders) leaves the tree as parsed and gives
 * each dialect the SQL a fresh validation gives ({@code MultiTargetCompileTest} does the same for the example project).
 */
class SharedPristineTreeTest {
    private static final List<SqlDialect> DIALECTS = List.of(BigQuerySqlDialect.DEFAULT, SnowflakeSqlDialect.DEFAULT,
            PostgresqlSqlDialect.DEFAULT, DuckDBSqlDialect.DEFAULT);

    @Test
    void emittingEveryDialectLeavesThePristineTreeAsParsed() throws Exception {
        SqlCatalog catalog = new SqlCatalog();
        ExampleDataGenerator.TABLES.forEach((table, cols) -> catalog.add(RelationName.of("raw", table), cols));
        SqlValidation validation = new SqlValidation(catalog);
        List<Path> cases;
        try (Stream<Path> files = Files.list(DialectGoldenTest.ROOT.resolve("cases"))) {
            cases = files.sorted().toList();
        }
        int shared = 0;
        for (Path file : cases) {
            String sql = Files.readString(file);
            SourcePosition at = new SourcePosition(file.getFileName(), 1, 1);
            ValidatedSql once = validation.validateQuery(sql, at);
            String before = ansi(once);
            List<SqlDialect> reversed = new ArrayList<>(DIALECTS);
            java.util.Collections.reverse(reversed);
            for (List<SqlDialect> order : List.of(DIALECTS, reversed)) {
                for (SqlDialect d : order) {
                    String fresh = DialectCompiler.compile(validation.validateQuery(sql, at), d);
                    assertEquals(fresh, DialectCompiler.compile(once, d), file.getFileName() + " for " + d.getClass().getSimpleName());
                }
            }
            assertEquals(before, ansi(once), file.getFileName() + ": the pristine tree changed");
            if (once.portability().lateralAliasRefs().isEmpty()) shared++;
        }
        assertTrue(shared * 2 > cases.size(), "only " + shared + " of " + cases.size() + " cases emitted without a copy");
    }

    private static String ansi(ValidatedSql q) {
        return q.parsed().toSqlString(c -> c.withDialect(AnsiSqlDialect.DEFAULT)).getSql();
    }
}
