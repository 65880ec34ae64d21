package io.segflow.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Deep copies of parse trees. Validation rewrites the tree it validates in place and {@code SqlNode#clone} is
 * shallow, so the pristine tree every dialect is unparsed from is validated through a copy. Every call, list and
 * identifier is copied; literals and type specs are immutable and shared.
 */
final class TreeCopy extends SqlShuttle {
    private static final TreeCopy PLAIN = new TreeCopy(n -> { });
    private final Consumer<SqlNode> copied;

    private TreeCopy(Consumer<SqlNode> copied) {
        this.copied = copied;
    }

    static SqlNode of(SqlNode node) {
        return node == null ? null : node.accept(PLAIN);
    }

    /**
     * A copy of {@code node}, handing {@code copied} each identifier and SELECT of the copy as it is made (leaves in
     * tree order), for checks that would otherwise walk the copy once more.
     */
    static SqlNode of(SqlNode node, Consumer<SqlNode> copied) {
        return node == null ? null : node.accept(new TreeCopy(copied));
    }

    @Override
    public SqlNode visit(SqlCall call) {
        CallCopyingArgHandler handler = new CallCopyingArgHandler(call, true);
        call.getOperator().acceptCall(this, call, false, handler);
        SqlNode copy = handler.result();
        if (copy instanceof SqlSelect) copied.accept(copy);
        return copy;
    }

    @Override
    public SqlNode visit(SqlNodeList list) {
        List<SqlNode> copies = new ArrayList<>(list.size());
        for (SqlNode n : list) copies.add(n == null ? null : n.accept(this));
        return new SqlNodeList(copies, list.getParserPosition());
    }

    @Override
    public SqlNode visit(SqlIdentifier id) {
        SqlNode copy = id.clone(id.getParserPosition());
        copied.accept(copy);
        return copy;
    }
}
