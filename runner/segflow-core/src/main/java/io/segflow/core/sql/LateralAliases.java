package io.segflow.core.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * References to a column alias defined earlier in the same SELECT list ({@code LAG(mrr) OVER (...) AS prev,
 * mrr - prev AS change}): valid in DuckDB and Snowflake, rejected by BigQuery. {@link #find} spots them while the
 * query is validated once; {@link #inline} rewrites a pristine parse of the same text so each reference becomes the
 * aliased expression, which every warehouse accepts.
 */
public final class LateralAliases {
    /** A 1-part identifier in select item {@code select} named like an earlier item's alias. */
    record Candidate(SqlSelect select, SqlIdentifier id) {
    }

    private LateralAliases() {
    }

    /**
     * Before validation (which rewrites the tree): identifiers in {@code select}'s list that may name an earlier
     * select-list alias, added to {@code out} (called for each SELECT of a tree, outer before inner).
     */
    static void addCandidates(SqlSelect select, List<Candidate> out) {
        Set<String> aliases = new HashSet<>();
        for (SqlNode item : select.getSelectList()) {
            for (SqlIdentifier id : identifiers(expression(item))) {
                if (id.isSimple() && aliases.contains(key(id.getSimple()))) out.add(new Candidate(select, id));
            }
            String alias = alias(item);
            if (alias != null) aliases.add(key(alias));
        }
    }

    /** After validation: the candidates that name no column of the FROM clause, as span keys. */
    static Set<String> find(List<Candidate> candidates, SqlValidator validator) {
        Set<String> out = new HashSet<>();
        SqlNameMatcher matcher = validator.getCatalogReader().nameMatcher();
        for (Candidate c : candidates) {
            SqlValidatorScope scope = validator.getSelectScope(c.select());
            if (scope == null) continue;
            if (scope.findQualifyingTableNames(c.id().getSimple(), c.id(), matcher).isEmpty()) {
                out.add(span(c.id().getParserPosition()));
            }
        }
        return out;
    }

    /** Replaces each reference in {@code refs} (span keys) by a copy of the aliased expression. */
    public static SqlNode inline(SqlNode pristine, Set<String> refs) {
        if (refs.isEmpty()) return pristine;
        return pristine.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                SqlNode visited = super.visit(call);
                if (visited instanceof SqlSelect select) inlineSelectList(select, refs);
                return visited;
            }
        });
    }

    private static void inlineSelectList(SqlSelect select, Set<String> refs) {
        Map<String, SqlNode> defined = new HashMap<>();
        SqlNodeList items = select.getSelectList();
        for (int i = 0; i < items.size(); i++) {
            SqlNode item = items.get(i);
            SqlNode replaced = item.accept(new SqlShuttle() {
                @Override
                public SqlNode visit(SqlIdentifier id) {
                    SqlNode target = id.isSimple() ? defined.get(key(id.getSimple())) : null;
                    return target != null && refs.contains(span(id.getParserPosition())) ? deepCopy(target) : id;
                }

                @Override
                public SqlNode visit(SqlCall call) {
                    return call instanceof SqlSelect ? call : super.visit(call); // a subquery has its own scope
                }
            });
            items.set(i, replaced);
            String alias = alias(replaced);
            if (alias != null) defined.put(key(alias), expression(replaced));
        }
    }

    private static SqlNode deepCopy(SqlNode node) {
        return node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                return id.clone(id.getParserPosition());
            }

            @Override
            public SqlNode visit(SqlLiteral literal) {
                return literal.clone(literal.getParserPosition());
            }

            @Override
            public SqlNode visit(SqlCall call) {
                CallCopyingArgHandler handler = new CallCopyingArgHandler(call, true);
                call.getOperator().acceptCall(this, call, false, handler);
                return handler.result();
            }
        });
    }

    private static List<SqlIdentifier> identifiers(SqlNode expression) {
        List<SqlIdentifier> out = new ArrayList<>();
        expression.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                out.add(id);
                return id;
            }

            @Override
            public SqlNode visit(SqlCall call) {
                return call instanceof SqlSelect ? call : super.visit(call);
            }
        });
        return out;
    }

    private static SqlNode expression(SqlNode item) {
        return item.getKind() == SqlKind.AS ? ((SqlBasicCall) item).operand(0) : item;
    }

    private static String alias(SqlNode item) {
        if (item.getKind() != SqlKind.AS) return null;
        return ((SqlIdentifier) ((SqlBasicCall) item).operand(1)).getSimple();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static String span(SqlParserPos p) {
        return p.getLineNum() + ":" + p.getColumnNum() + ":" + p.getEndLineNum() + ":" + p.getEndColumnNum();
    }
}
