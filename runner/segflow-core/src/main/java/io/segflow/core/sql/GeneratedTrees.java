package io.segflow.core.sql;

import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Parse trees of generated SQL, built node by node the way Calcite's parser builds them from the text: the same
 * node classes, factories and quoting, so that validation, lineage and every dialect's SQL are what parsing the
 * text gives ({@code GeneratedTreesTest} holds built and parsed trees equal). Generated nodes have no position (the
 * {@link io.segflow.core.sql.dialect.ExpressionTypes collected types} and checks keyed by position skip them); expressions a definition wrote
 * come from {@link GeneratedText#embeddedTrees()} with the positions they have in the text.
 */
public final class GeneratedTrees {
    private static final SqlParserPos AT = SqlParserPos.ZERO;

    private GeneratedTrees() {
    }

    /** A double-quoted name, {@code "t"."c"}: every part quoted, as the parser marks them. */
    public static SqlIdentifier name(String... parts) {
        if (parts.length == 1) return new SqlIdentifier(parts[0], SqlParserPos.QUOTED_ZERO);
        return new SqlIdentifier(List.of(parts), null, AT, Collections.nCopies(parts.length, SqlParserPos.QUOTED_ZERO));
    }

    /** A relation as {@code SegmentSql.relation} writes it: {@code "database"."schema"."name"}, database if any. */
    public static SqlIdentifier relation(RelationName r) {
        return r.database() == null ? name(r.schema(), r.name()) : name(r.database(), r.schema(), r.name());
    }

    public static SqlNode as(SqlNode expression, String alias) {
        return SqlStdOperatorTable.AS.createCall(AT, expression, name(alias));
    }

    /** {@code cast(e as type)} to a type written without precision. */
    public static SqlNode cast(SqlNode expression, SqlTypeName type) {
        return SqlStdOperatorTable.CAST.createCall(AT, expression,
                new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, AT), AT));
    }

    public static SqlNode string(String value) {
        return SqlLiteral.createCharString(value, AT);
    }

    public static SqlNode integer(int value) {
        return SqlLiteral.createExactNumeric(Integer.toString(value), AT);
    }

    public static SqlNode nullLiteral() {
        return SqlLiteral.createNull(AT);
    }

    public static SqlNode isNotNull(SqlNode expression) {
        return SqlStdOperatorTable.IS_NOT_NULL.createCall(AT, expression);
    }

    /**
     * {@code case [value] when w then t ... [else e] end}: with a value, each {@code when} is compared to it, as the
     * parser rewrites the simple form; without an else, {@code else null}.
     */
    public static SqlNode caseOf(SqlNode value, List<SqlNode> whens, List<SqlNode> thens, SqlNode otherwise) {
        return SqlCase.createSwitched(AT, value, new SqlNodeList(whens, AT), new SqlNodeList(thens, AT), otherwise);
    }

    /** {@code select items from from [where where]}. */
    public static SqlSelect select(List<SqlNode> items, SqlNode from, SqlNode where) {
        return new SqlSelect(AT, new SqlNodeList(AT), new SqlNodeList(new ArrayList<>(items), AT), from, where, null,
                null, new SqlNodeList(AT), null, null, null, null, new SqlNodeList(AT));
    }
}
