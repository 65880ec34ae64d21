package io.segflow.core.segment;

import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.render.RenderedSql;
import io.segflow.core.sql.SqlValidation;
import io.segflow.spi.ColumnDef;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * The probe query that selects every expression of a definition over one FROM item, each on lines of its own
 * ({@code case when <condition> then 1 end as "p0"}, {@code <expression> as "p1"}, ...), and the check that it
 * parses to exactly those items, each one expression reading nothing but columns of the input relation (no
 * subquery, no alias, no star). An expression that passes is, in any query placing it in the same scope, what it
 * is in the probe: validating such a query proves it.
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

    /** Whether the probe over {@code in} (as "t") parses to one self-contained expression per item. */
    static boolean parsesAlone(List<SegmentContext.Expression> expressions, InputRelation in, SourcePosition origin) {
        SqlNode parsed;
        try {
            parsed = SqlValidation.parse(RenderedSql.generated(sql(expressions, in.sqlName() + " as \"t\""), origin));
        } catch (DiagnosticException e) {
            return false;
        }
        if (!(parsed instanceof SqlSelect select) || select.getSelectList().size() != expressions.size()) return false;
        Set<String> columns = new HashSet<>();
        for (ColumnDef c : in.columns()) columns.add(c.name().toLowerCase(Locale.ROOT));
        for (int i = 0; i < expressions.size(); i++) {
            SqlNode item = select.getSelectList().get(i);
            if (!(item instanceof SqlCall as) || as.getKind() != SqlKind.AS || as.operandCount() != 2
                    || !(as.operand(1) instanceof SqlIdentifier alias) || !alias.isSimple()
                    || !alias.getSimple().equals("p" + i)) {
                return false;
            }
            SqlNode expr = as.operand(0);
            if (expressions.get(i).condition()) {
                if (!(expr instanceof SqlCase c) || c.getValueOperand() != null || c.getWhenOperands().size() != 1
                        || c.getElseOperand() != null && !SqlUtil.isNullLiteral(c.getElseOperand(), false)
                        || !(c.getThenOperands().get(0) instanceof SqlLiteral)) {
                    return false;
                }
                expr = c.getWhenOperands().get(0);
            }
            if (!readsOnlyColumns(expr, columns)) return false;
        }
        return true;
    }

    private static boolean readsOnlyColumns(SqlNode expr, Set<String> columns) {
        boolean[] ok = {true};
        expr.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect || call.getKind() == SqlKind.AS) ok[0] = false;
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
