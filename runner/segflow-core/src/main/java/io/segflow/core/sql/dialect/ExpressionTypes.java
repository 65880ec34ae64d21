package io.segflow.core.sql.dialect;

import io.segflow.spi.sql.ValidatedTypes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * The validator's types of a query's expressions, keyed by source span. Dialect compilation re-parses the same
 * text, so a re-parsed node finds its type by its span; translations that depend on a type (date or timestamp
 * arithmetic on BigQuery) use it.
 */
public final class ExpressionTypes implements ValidatedTypes {
    /** Types of nothing (compiles without type-dependent choices; falls back to syntax). */
    public static final ExpressionTypes NONE = new ExpressionTypes(Map.of());

    private final Map<String, SqlTypeName> types;

    private ExpressionTypes(Map<String, SqlTypeName> types) {
        this.types = types;
    }

    /** Collects the type of every node of {@code validated} whose type the validator derived. */
    public static ExpressionTypes collect(SqlValidator validator, SqlNode validated) {
        Map<String, SqlTypeName> out = new HashMap<>();
        walk(validator, validated, out);
        return new ExpressionTypes(Map.copyOf(out));
    }

    private static void walk(SqlValidator validator, SqlNode node, Map<String, SqlTypeName> out) {
        if (node == null) return;
        if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) walk(validator, n, out);
            return;
        }
        RelDataType t = null;
        try {
            t = validator.getValidatedNodeTypeIfKnown(node);
        } catch (RuntimeException ignored) {
            // some nodes (e.g. select lists) have no type of their own
        }
        if (t != null && t.getSqlTypeName() != null && node.getParserPosition() != SqlParserPos.ZERO) {
            out.putIfAbsent(key(node.getParserPosition()), t.getSqlTypeName());
        }
        if (node instanceof SqlCall call) {
            for (SqlNode operand : call.getOperandList()) walk(validator, operand, out);
        }
    }

    /** The type of the node at {@code node}'s span, if the validator knew it. */
    @Override
    public Optional<SqlTypeName> of(SqlNode node) {
        if (node == null) return Optional.empty();
        return Optional.ofNullable(types.get(key(node.getParserPosition())));
    }

    public int size() {
        return types.size();
    }

    static String key(SqlParserPos p) {
        return p.getLineNum() + ":" + p.getColumnNum() + ":" + p.getEndLineNum() + ":" + p.getEndColumnNum();
    }
}
