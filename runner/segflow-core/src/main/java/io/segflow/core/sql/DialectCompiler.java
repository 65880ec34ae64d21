package io.segflow.core.sql;

import io.segflow.core.sql.dialect.TargetDialects;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Turns validated SQL into text for a target warehouse. The pristine parse tree (not the validator's expanded
 * tree, nor a relational plan) is unparsed with the dialect, so that CTEs, QUALIFY and window frames come out as
 * the user wrote them; it is never re-parsed, so one validation serves every dialect. Snowflake and BigQuery first
 * get the neutral (DuckDB-flavoured) functions translated, see {@link TargetDialects}.
 */
public final class DialectCompiler {
    private DialectCompiler() {
    }

    /**
     * The query as parsed and printed back in one fixed dialect: comments and layout do not change it, so it
     * identifies what the query means for fingerprints.
     */
    public static String canonical(ValidatedSql q) {
        if (q.parsed() == null) return q.renderedSql();
        return q.parsed().toSqlString(c -> c.withDialect(AnsiSqlDialect.DEFAULT).withIndentation(0)).getSql();
    }

    /** SQL text of {@code q} for {@code dialect}. */
    public static String compile(ValidatedSql q, SqlDialect dialect) {
        return compile(q, dialect, java.util.Map.of());
    }

    /** SQL text of {@code q} for {@code dialect}, with the ephemeral features it reads inlined as CTEs. */
    public static String compile(ValidatedSql q, SqlDialect dialect,
                                 java.util.Map<io.segflow.spi.RelationName, SqlNode> ephemerals) {
        SqlNode node = tree(q);
        // Translations and unparsing build new nodes and leave the pristine tree (shared by every dialect) as it is;
        // inlining select-list aliases edits select lists in place, and inlined ephemerals share the query's CTEs:
        // those get a copy of their own.
        boolean editsInPlace = !q.portability().lateralAliasRefs().isEmpty() || !ephemerals.isEmpty();
        SqlNode copy = EphemeralCtes.inline(editsInPlace ? TreeCopy.of(node) : node, ephemerals);
        // x::type parses only from text holding "::" (the query's own or an inlined ephemeral's)
        boolean infixCasts = !ephemerals.isEmpty() || q.parsed() == null || q.renderedSql().contains("::");
        SqlNode prepared = q.portability().prepare(infixCasts ? InfixCasts.toStandard(copy) : copy, dialect);
        SqlNode translated = TargetDialects.translate(prepared, dialect, q.expressionTypes());
        SqlDialect unparse = TargetDialects.unparseDialect(dialect);
        return translated.toSqlString(c -> c.withDialect(unparse)
                .withAlwaysUseParentheses(false)
                .withSelectListItemsOnSeparateLines(false)
                .withUpdateSetListNewline(false)
                .withIndentation(2)).getSql();
    }

    /** The pristine parse tree of {@code q}, parsed again from its text when only the text was kept. */
    public static SqlNode tree(ValidatedSql q) {
        if (q.parsed() != null) return q.parsed();
        try {
            return SqlEnvironment.parse(q.renderedSql());
        } catch (SqlParseException e) {
            throw new IllegalStateException("validated SQL no longer parses", e);
        }
    }
}
