package io.segflow.core.sql;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.render.LineMap;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Arithmetic and comparisons that Calcite accepts only by inserting a cast of a text expression to a number
 * ({@code bigint_col + varchar_col}): DuckDB, Snowflake and BigQuery reject them at run time, so they are compile
 * errors here. Literals stay allowed ({@code amount > '10'} is cast by every warehouse).
 */
final class ImplicitCasts {
    private static final Set<SqlKind> CHECKED = Set.of(SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES, SqlKind.DIVIDE,
            SqlKind.MOD, SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL,
            SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL);

    private ImplicitCasts() {
    }

    /** Adds to {@code out} the problem of {@code call}, one call of a validated tree walked in order, if any. */
    static void check(SqlCall call, SqlValidator validator, LineMap lineMap, List<Diagnostic> out) {
        if (CHECKED.contains(call.getKind()) && call.operandCount() == 2) checkOperands(call, validator, lineMap, out);
    }

    private static boolean sameStart(SqlParserPos a, SqlParserPos b) {
        return a.getLineNum() == b.getLineNum() && a.getColumnNum() == b.getColumnNum();
    }

    private static void checkOperands(SqlCall call, SqlValidator validator, LineMap lineMap, List<Diagnostic> out) {
        for (SqlNode operand : call.getOperandList()) {
            if (!(operand instanceof SqlCall cast) || cast.getKind() != SqlKind.CAST) continue;
            SqlNode text = cast.operand(0);
            // the validator's coercion cast starts where its operand does; a written cast(...) starts before it
            if (text instanceof SqlLiteral || !sameStart(cast.getParserPosition(), text.getParserPosition())) continue;
            RelDataType from = validator.getValidatedNodeTypeIfKnown(text);
            RelDataType to = validator.getValidatedNodeTypeIfKnown(cast);
            if (from == null || to == null || !SqlTypeFamily.CHARACTER.contains(from)
                    || !SqlTypeFamily.NUMERIC.contains(to)) {
                continue;
            }
            SqlNode other = call.operand(0) == operand ? call.operand(1) : call.operand(0);
            RelDataType otherType = validator.getValidatedNodeTypeIfKnown(other);
            SqlParserPos pos = call.getParserPosition();
            out.add(Diagnostic.error(ErrorCode.SQL_VALIDATION, lineMap.map(pos.getLineNum(), pos.getColumnNum()),
                    "type mismatch: " + (otherType == null ? "number" : otherType.getSqlTypeName()) + " "
                            + call.getOperator().getName() + " " + from.getSqlTypeName(),
                    "warehouses do not convert text to numbers implicitly: cast it, e.g. cast(x as bigint)"));
        }
    }
}
