package io.segflow.core.sql;

import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Turns validated SQL into text for a target warehouse. The query is re-parsed and the parse tree (not the
 * validator's expanded tree, nor a relational plan) is unparsed with the dialect, so that CTEs, QUALIFY and
 * window frames come out as the user wrote them.
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
        return node.toSqlString(c -> c.withDialect(dialect)
                .withAlwaysUseParentheses(false)
                .withSelectListItemsOnSeparateLines(false)
                .withUpdateSetListNewline(false)
                .withIndentation(2)).getSql();
    }
}
