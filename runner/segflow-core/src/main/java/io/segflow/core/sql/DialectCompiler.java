package io.segflow.core.sql;

import io.segflow.core.sql.dialect.TargetDialects;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Turns validated SQL into text for a target warehouse. The query is re-parsed and the parse tree (not the
 * validator's expanded tree, nor a relational plan) is unparsed with the dialect, so that CTEs, QUALIFY and
 * window frames come out as the user wrote them. Snowflake and BigQuery first get the neutral (DuckDB-flavoured)
 * functions translated, see {@link TargetDialects}.
 */
public final class DialectCompiler {
    private DialectCompiler() {
    }

    /** SQL text of {@code q} for {@code dialect}. */
    public static String compile(ValidatedSql q, SqlDialect dialect) {
        SqlNode node;
        try {
            node = SqlEnvironment.parse(q.renderedSql());
        } catch (SqlParseException e) {
            throw new IllegalStateException("validated SQL no longer parses", e);
        }
        SqlNode translated = TargetDialects.translate(q.portability().prepare(node, dialect), dialect, q.expressionTypes());
        SqlDialect unparse = TargetDialects.unparseDialect(dialect);
        return translated.toSqlString(c -> c.withDialect(unparse)
                .withAlwaysUseParentheses(false)
                .withSelectListItemsOnSeparateLines(false)
                .withUpdateSetListNewline(false)
                .withIndentation(2)).getSql();
    }
}
