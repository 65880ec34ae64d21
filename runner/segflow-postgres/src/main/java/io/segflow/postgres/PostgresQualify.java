package io.segflow.postgres;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code QUALIFY} (which PostgreSQL lacks) as a filter on a derived table: the condition becomes a column of the
 * inner select, the outer select keeps the original columns by name, rows where it holds, and the ordering.
 */
final class PostgresQualify {
    static final String FLAG = "segflow_qualify";

    private PostgresQualify() {
    }

    /** The select without QUALIFY, or the select itself when it has none or its columns have no names. */
    static SqlSelect rewrite(SqlSelect select) {
        SqlNode qualify = select.getQualify();
        if (qualify == null) return select;
        SqlParserPos pos = select.getParserPosition();
        List<SqlNode> names = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            String name = outputName(item);
            if (name == null) return select;
            names.add(new SqlIdentifier(name, SqlParserPos.ZERO));
        }
        SqlNodeList innerList = new SqlNodeList(select.getSelectList().getList(), pos);
        innerList.add(as(qualify, FLAG));
        SqlSelect inner = new SqlSelect(pos, select.operand(0), innerList, select.getFrom(), select.getWhere(),
                select.getGroup(), select.getHaving(), select.getWindowList(), null, null, null, null, select.getHints());
        SqlNodeList order = select.getOrderList() == null ? null : unqualified(select.getOrderList());
        return new SqlSelect(pos, null, new SqlNodeList(names, pos), as(inner, "segflow_q"),
                new SqlIdentifier(FLAG, SqlParserPos.ZERO), null, null, null, null, order, select.getOffset(),
                select.getFetch(), null);
    }

    private static String outputName(SqlNode item) {
        if (item.getKind() == SqlKind.AS) return ((SqlIdentifier) ((SqlBasicCall) item).operand(1)).getSimple();
        if (item instanceof SqlIdentifier id && !id.isStar()) return id.names.get(id.names.size() - 1);
        return null;
    }

    /** ORDER BY over the derived table: {@code t.x} becomes {@code x}. */
    private static SqlNodeList unqualified(SqlNodeList order) {
        List<SqlNode> out = new ArrayList<>();
        for (SqlNode n : order) {
            out.add(n instanceof SqlIdentifier id && id.names.size() > 1
                    ? new SqlIdentifier(id.names.get(id.names.size() - 1), id.getParserPosition()) : n);
        }
        return new SqlNodeList(out, order.getParserPosition());
    }

    private static SqlNode as(SqlNode node, String alias) {
        return SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, node, new SqlIdentifier(alias, SqlParserPos.ZERO));
    }
}
