package io.segflow.core.segment;

import io.segflow.core.sql.SqlValidation;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Where a select list aggregates and where it does not: a label must aggregate a window's rows, a rule's condition
 * must not (it is decided row by row).
 */
final class AggregateExpressions {
    private AggregateExpressions() {
    }

    /** The first column the select list reads row by row, or null when every column is inside an aggregate. */
    static SqlIdentifier columnOutsideAggregates(SqlNode validated) {
        if (!(validated instanceof SqlSelect select)) return null;
        SqlIdentifier[] found = new SqlIdentifier[1];
        select.getSelectList().accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                if (found[0] == null) found[0] = id;
                return id;
            }

            @Override
            public SqlNode visit(SqlCall call) {
                if (call instanceof SqlSelect || SqlValidation.isAggregate(call)) return call;
                if (call.getKind() == SqlKind.AS) return call.operand(0).accept(this); // not the alias name
                return super.visit(call);
            }
        });
        return found[0];
    }

    /** The first aggregate call in {@code expr} outside an OVER window, or null when it aggregates nothing. */
    static SqlCall firstAggregate(SqlNode expr) {
        SqlCall[] found = new SqlCall[1];
        expr.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                if (found[0] != null || call instanceof SqlSelect || call.getKind() == SqlKind.OVER) return call;
                if (SqlValidation.isAggregate(call)) {
                    found[0] = call;
                    return call;
                }
                return super.visit(call);
            }
        });
        return found[0];
    }
}
