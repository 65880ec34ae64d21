package io.segflow.core.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Turns PostgreSQL-style {@code x::type} into {@code CAST(x AS type)} before unparsing: Calcite prints the infix form
 * without parentheses around {@code x}, so {@code (amount / 100)::numeric} came out as {@code amount / 100::numeric}
 * and cast only the 100.
 */
final class InfixCasts extends SqlShuttle {
    private static final InfixCasts INSTANCE = new InfixCasts();

    static SqlNode toStandard(SqlNode node) {
        return node.accept(INSTANCE);
    }

    @Override
    public SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        if (visited instanceof SqlCall c && "::".equals(c.getOperator().getName())) {
            return SqlStdOperatorTable.CAST.createCall(c.getParserPosition(), c.operand(0), c.operand(1));
        }
        return visited;
    }
}
