package io.segflow.core.sql.dialect;

import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;

/**
 * Which translation a target dialect gets. The neutral SQL is DuckDB-flavoured, so DuckDB (and any other
 * dialect) is unparsed as parsed; Snowflake and BigQuery get their rewriters and unparse settings.
 */
public final class TargetDialects {
    private TargetDialects() {
    }

    /** The neutral parse tree translated for {@code dialect} (a new tree; the input is not changed). */
    public static SqlNode translate(SqlNode neutral, SqlDialect dialect, ExpressionTypes types) {
        if (dialect instanceof SnowflakeSqlDialect) return new SnowflakeRewriter(types).rewrite(neutral);
        if (dialect instanceof BigQuerySqlDialect) return new BigQueryRewriter(types).rewrite(neutral);
        return neutral;
    }

    /** The dialect to unparse with (Snowflake: plain identifiers unquoted, see {@link SnowflakeUnparseDialect}). */
    public static SqlDialect unparseDialect(SqlDialect dialect) {
        return dialect instanceof SnowflakeSqlDialect ? SnowflakeUnparseDialect.INSTANCE : dialect;
    }
}
