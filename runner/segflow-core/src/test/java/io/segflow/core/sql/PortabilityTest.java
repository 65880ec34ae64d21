package io.segflow.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.junit.jupiter.api.Test;

/** What the warehouse would reject at run time is a positioned compile error, or emitted in a form it accepts. */
class PortabilityTest {
    private static final SqlValidation VALIDATION = new SqlValidation(DuckDbFixture.catalog());
    private static final SourcePosition AT = new SourcePosition(Path.of("features/f.sql"), 1, 1);

    private static String error(Runnable r) {
        DiagnosticException e = assertThrows(DiagnosticException.class, r::run);
        return e.diagnostics().stream().map(Diagnostic::format).reduce((a, b) -> a + "\n" + b).orElseThrow();
    }

    @Test
    void selectListAliasReferencesAreInlinedAndKeepTheirResults() throws Exception {
        String sql = "select customer_id, order_date, amount,\n"
                + "  lag(amount) over (partition by customer_id order by order_date) as previous_amount,\n"
                + "  amount - previous_amount as change, change * 2 as double_change\n"
                + "from raw.orders";
        ValidatedSql v = VALIDATION.validateQuery(sql, AT);
        String bigQuery = DialectCompiler.compile(v, BigQuerySqlDialect.DEFAULT);
        assertFalse(bigQuery.contains("- previous_amount"), bigQuery);
        assertTrue(bigQuery.contains("(amount - (LAG(amount) OVER (PARTITION BY customer_id ORDER BY order_date))) * 2"),
                bigQuery);
        DuckDbFixture duck = new DuckDbFixture();
        String duckSql = DialectCompiler.compile(v, DuckDBSqlDialect.DEFAULT);
        assertEquals(duck.rows(sql + " order by order_id"), duck.rows(duckSql + " order by order_id"));
    }

    @Test
    void aColumnOfTheFromClauseIsNotAnAlias() {
        String sql = "select order_id as status, status as original_status from raw.orders";
        String out = DialectCompiler.compile(VALIDATION.validateQuery(sql, AT), BigQuerySqlDialect.DEFAULT);
        assertTrue(out.contains("status AS original_status"), out);
    }

    @Test
    void aFunctionOnlySomeWarehousesHaveFailsOnTheOthersAtItsPosition() {
        ValidatedSql v = VALIDATION.validateQuery("select customer_id,\n  dateadd(month, 1, order_date) as d\n"
                + "from raw.orders", AT);
        assertEquals("features/f.sql:2:3: error[SF303]: function dateadd is not available on this target (it is "
                        + "snowflake SQL)\n  hint: segflow SQL is DuckDB-flavoured and translated for each warehouse: use "
                        + "the portable form (e.g. d + interval '1' month for dateadd); docs/sql.md lists the functions",
                error(() -> DialectCompiler.compile(v, DuckDBSqlDialect.DEFAULT)));
        assertTrue(DialectCompiler.compile(v, SnowflakeSqlDialect.DEFAULT).contains("DATEADD"));
    }

    @Test
    void textInArithmeticIsATypeError() {
        assertEquals("features/f.sql:1:21: error[SF304]: type mismatch: BIGINT + VARCHAR\n"
                        + "  hint: warehouses do not convert text to numbers implicitly: cast it, e.g. cast(x as bigint)",
                error(() -> VALIDATION.validateQuery("select customer_id, order_id + status as x from raw.orders", AT)));
        VALIDATION.validateQuery("select order_id + '1' as x, order_id + cast(status as bigint) as y from raw.orders", AT);
    }

    @Test
    void aHugeLiteralListIsRefusedWithASizeErrorBeforeParsing() {
        StringBuilder sql = new StringBuilder("select order_id from raw.orders where order_id in (0");
        for (int i = 1; sql.length() <= StatementSize.MAX_CHARS; i++) sql.append(", ").append(i);
        sql.append(')');
        String msg = error(() -> VALIDATION.validateQuery(sql.toString(), AT));
        assertTrue(msg.startsWith("features/f.sql:1:1: error[SF304]: statement too large: 1.0 MB (segflow compiles "
                + "statements up to 1 MB)"), msg);
    }
}
