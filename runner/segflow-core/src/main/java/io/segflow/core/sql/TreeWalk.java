package io.segflow.core.sql;

import java.util.function.Consumer;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * A read-only walk of a parse tree in the order a {@code SqlShuttle} visits it (a node before its operands, operands
 * and list items in order, nulls skipped), without the shuttle's per-call operand copies; several checks share one
 * walk.
 */
final class TreeWalk {
    private TreeWalk() {
    }

    static void preOrder(SqlNode node, Consumer<SqlNode> visit) {
        if (node == null) return;
        visit.accept(node);
        if (node instanceof SqlNodeList list) {
            for (SqlNode item : list) preOrder(item, visit);
        } else if (node instanceof SqlCall call) {
            for (SqlNode operand : call.getOperandList()) preOrder(operand, visit);
        }
    }
}
