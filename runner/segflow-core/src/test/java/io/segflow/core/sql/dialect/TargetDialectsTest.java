package io.segflow.core.sql.dialect;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.segment.store.StoreDialect;
import io.segflow.duckdb.DuckDbFlavor;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** Core finds a warehouse's flavor by dialect through ServiceLoader; only segflow-duckdb is on this classpath. */
class TargetDialectsTest {
    @Test
    void flavorIsFoundByTheDialectOfAnInstalledWarehouseModule() {
        assertSame(DuckDbFlavor.INSTANCE, TargetDialects.flavor(DuckDBSqlDialect.DEFAULT).orElseThrow());
        assertSame(DuckDbFlavor.INSTANCE, StoreDialect.of(DuckDBSqlDialect.DEFAULT).flavor());
    }

    @Test
    void aDialectNoModuleClaimsIsUnparsedAsParsedButHasNoStoreSpelling() throws SqlParseException {
        SqlNode tree = SqlParser.create("select 1").parseQuery();
        assertSame(tree, TargetDialects.translate(tree, PostgresqlSqlDialect.DEFAULT, ExpressionTypes.NONE));
        assertSame(PostgresqlSqlDialect.DEFAULT, TargetDialects.unparseDialect(PostgresqlSqlDialect.DEFAULT));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreDialect.of(PostgresqlSqlDialect.DEFAULT));
        assertTrue(e.getMessage().contains("PostgresqlSqlDialect"), e.getMessage());
    }
}
