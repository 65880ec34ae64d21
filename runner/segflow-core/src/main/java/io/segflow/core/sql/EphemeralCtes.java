package io.segflow.core.sql;

import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * dbt's {@code ephemeral} materialisation: a query that reads ephemeral features gets each one as a CTE named
 * {@code __dbt__cte__<name>} in front of its own (upstream ephemerals first), and its references to the ephemeral's
 * relation read the CTE instead. Works on the parsed tree, so every dialect prints it its own way.
 */
public final class EphemeralCtes {
    private EphemeralCtes() {
    }

    public static String cteName(RelationName relation) {
        return "__dbt__cte__" + relation.name();
    }

    /** {@code query} with {@code ephemerals} (relation to its query, upstream first) inlined as CTEs. */
    static SqlNode inline(SqlNode query, Map<RelationName, SqlNode> ephemerals) {
        if (ephemerals.isEmpty()) return query;
        List<SqlNode> items = new ArrayList<>();
        for (Map.Entry<RelationName, SqlNode> e : ephemerals.entrySet()) {
            items.add(new SqlWithItem(SqlParserPos.ZERO, new SqlIdentifier(cteName(e.getKey()), SqlParserPos.ZERO),
                    null, TreeCopy.of(e.getValue()), org.apache.calcite.sql.SqlLiteral.createBoolean(false, SqlParserPos.ZERO)));
        }
        SqlNode body = query;
        if (query instanceof SqlWith with) {
            items.addAll(with.withList.getList());
            body = with.body;
        }
        SqlNode wrapped = new SqlWith(SqlParserPos.ZERO, new SqlNodeList(items, SqlParserPos.ZERO), body);
        return wrapped.accept(new Renamer(ephemerals));
    }

    /** Replaces identifiers naming an ephemeral's relation with its CTE's name. */
    private static final class Renamer extends SqlShuttle {
        private final Map<RelationName, SqlNode> ephemerals;

        Renamer(Map<RelationName, SqlNode> ephemerals) {
            this.ephemerals = ephemerals;
        }

        @Override
        public SqlNode visit(SqlIdentifier id) {
            for (RelationName r : ephemerals.keySet()) {
                if (matches(id.names, r)) return new SqlIdentifier(cteName(r), id.getParserPosition());
            }
            return id;
        }

        private static boolean matches(List<String> names, RelationName r) {
            List<String> want = new ArrayList<>();
            if (r.database() != null) want.add(r.database());
            if (r.schema() != null) want.add(r.schema());
            want.add(r.name());
            if (names.size() != want.size()) return false;
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).toLowerCase(Locale.ROOT).equals(want.get(i).toLowerCase(Locale.ROOT))) return false;
            }
            return true;
        }
    }
}
