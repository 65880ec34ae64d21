package io.segflow.core.segment;

import io.segflow.core.sql.SqlValidation;
import io.segflow.spi.ColumnDef;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * The probe query that selects every expression of a definition over one FROM item, each on lines of its own
 * ({@code case when <condition> then 1 end as "p0"}, {@code <expression> as "p1"}, ...), and the cheaper check
 * that lets a query embedding the expressions in the same scope prove them instead ({@link #parsesAlone}).
 */
final class ExpressionProbe {
    private ExpressionProbe() {
    }

    /** The probe's text over {@code fromSql}. */
    static String sql(List<SegmentContext.Expression> expressions, String fromSql) {
        StringBuilder probe = new StringBuilder("select");
        for (int i = 0; i < expressions.size(); i++) {
            SegmentContext.Expression e = expressions.get(i);
            probe.append(i == 0 ? "\n" : ",\n").append(e.condition() ? "case when\n" + e.sql() + "\n then 1 end"
                    : e.sql() + "\n").append(" as \"p").append(i).append('"');
        }
        return probe.append(" from ").append(fromSql).toString();
    }

    /**
     * Whether each expression parses alone as one expression (so it is, in any query placing it in the same scope,
     * what it is in the probe) reading only columns of {@code in} (as "t"): no subquery, no alias, no star, no
     * aggregate. Calcite's core parser decides; anything it does not parse (Babel syntax, a syntax error) is left to
     * validation.
     */
    static boolean parsesAlone(List<SegmentContext.Expression> expressions, InputRelation in) {
        Set<String> columns = new HashSet<>();
        for (ColumnDef c : in.columns()) columns.add(c.name().toLowerCase(Locale.ROOT));
        for (SegmentContext.Expression e : expressions) {
            // names keep their case (they are matched case-insensitively here)
            SqlNode expr = SqlValidation.parseExpressionOrNull(e.sql());
            if (expr == null || !readsOnlyColumns(expr, columns)) return false;
        }
        return true;
    }

    /** The first aggregate call of {@code expr} outside a window (positions relative to the text), or null. */
    static SqlCall aggregateIn(String expr) {
        SqlNode parsed = SqlValidation.parseExpressionOrNull(expr);
        return parsed == null ? null : AggregateExpressions.firstAggregate(parsed); // null: validation reports it
    }

    private static boolean readsOnlyColumns(SqlNode expr, Set<String> columns) {
        boolean[] ok = {true};
        expr.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                // an aggregate is refused with its own message, which the membership query's error would not give
                if (call instanceof SqlSelect || call.getKind() == SqlKind.AS || SqlValidation.isAggregate(call)) ok[0] = false;
                return ok[0] ? super.visit(call) : null;
            }

            @Override
            public Void visit(SqlIdentifier id) {
                boolean column = id.names.size() == 1 || id.names.size() == 2 && id.names.get(0).equalsIgnoreCase("t");
                if (!column || id.isStar() || !columns.contains(id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT))) {
                    ok[0] = false;
                }
                return null;
            }
        });
        return ok[0];
    }
}
