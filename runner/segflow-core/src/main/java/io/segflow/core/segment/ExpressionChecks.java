package io.segflow.core.segment;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.segment.SegmentContext.Expression;
import io.segflow.core.sql.ColumnOrigin;
import io.segflow.core.sql.SqlCatalog;
import io.segflow.core.sql.SqlValidation;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.spi.ColumnDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Util;

/**
 * The SQL expressions of a segment definition (rules, labels, suppression conditions) validated against their
 * input with YAML positions: what {@link SegmentContext}'s {@code validateExpression*} methods do.
 */
final class ExpressionChecks {
    private final SqlCatalog catalog;
    private final PiiLineage pii;
    private final Diagnostics diags;
    /** Checks waiting for the membership query to prove them (see {@link #validateInMembership}). */
    private final List<BooleanSupplier> deferred = new ArrayList<>();

    ExpressionChecks(SqlCatalog catalog, PiiLineage pii, Diagnostics diags) {
        this.catalog = catalog;
        this.pii = pii;
        this.diags = diags;
    }

    boolean validateAll(SegmentSpec spec, List<Expression> expressions, String fromSql) {
        if (expressions.size() > 1 && !pii.any() && validTogether(spec, expressions, fromSql)) return true;
        boolean ok = true;
        for (Expression e : expressions) ok &= validate(spec, e.keyPath(), e.sql(), fromSql, e.condition(), false);
        return ok;
    }

    /** Whether one probe selecting every expression (each on lines of its own) validates, with one column each. */
    private boolean validTogether(SegmentSpec spec, List<Expression> expressions, String fromSql) {
        try {
            ValidatedSql probe = new SqlValidation(catalog).validateQuery(ExpressionProbe.sql(expressions, fromSql),
                    spec.position());
            // an aggregate is reported one by one
            if (AggregateExpressions.firstAggregate(((SqlSelect) probe.parsed()).getSelectList()) != null) return false;
            List<ColumnDef> columns = probe.columns();
            for (int i = 0; i < columns.size(); i++) {
                if (!columns.get(i).name().equals("p" + i)) return false;
            }
            return columns.size() == expressions.size();
        } catch (DiagnosticException e) {
            return false;
        }
    }

    boolean validateInMembership(SegmentSpec spec, List<Expression> expressions, InputRelation in) {
        String fromSql = in.sqlName() + " as \"t\"";
        if (pii.any() || expressions.isEmpty() || !ExpressionProbe.parsesAlone(expressions, in)) {
            return validateAll(spec, expressions, fromSql);
        }
        deferred.add(() -> validateAll(spec, expressions, fromSql));
        return true;
    }

    boolean hasDeferred() {
        return !deferred.isEmpty();
    }

    boolean validateDeferred() {
        boolean ok = true;
        for (BooleanSupplier d : deferred) ok &= d.getAsBoolean();
        deferred.clear();
        return ok;
    }

    boolean validate(SegmentSpec spec, String keyPath, String expr, String fromSql, boolean condition, boolean aggregate) {
        SourcePosition at = spec.textPositionOf(keyPath);
        // The expression sits alone on line 2 at its YAML column, so Calcite positions map back exactly.
        String pad = " ".repeat(Math.max(at.column() - 1, 0));
        String probe = condition
                ? "select case when\n" + pad + expr + "\n then 1 end as \"p\" from " + fromSql
                : "select\n" + pad + expr + "\n as \"p\" from " + fromSql;
        ValidatedSql v;
        try {
            v = new SqlValidation(catalog).validateQuery(probe, at.at(Math.max(at.line() - 1, 1), 1));
        } catch (DiagnosticException e) {
            // an aggregate next to a column fails as "not being grouped": say what is wrong instead
            SqlCall rows = aggregate ? null : ExpressionProbe.aggregateIn(expr);
            if (rows != null) {
                SqlParserPos p = rows.getParserPosition(); // within the expression's own text
                rowByRow(rows, p.getLineNum() == 1 ? at.at(at.line(), at.column() + p.getColumnNum() - 1)
                        : at.at(at.line() + p.getLineNum() - 1, p.getColumnNum()), keyPath);
                return false;
            }
            // errors about the probe's own first line (e.g. "expected a boolean") belong to the expression
            for (Diagnostic d : e.diagnostics()) {
                boolean onProbeLine = d.position() != null && d.position().line() < at.line();
                diags.add(onProbeLine ? new Diagnostic(d.code(), d.severity(), at,
                        condition ? "'" + keyPath + "' must be a condition: " + d.message() : d.message(), d.hint()) : d);
            }
            return false;
        }
        SqlCall rows = aggregate ? null : AggregateExpressions.firstAggregate(((SqlSelect) v.parsed()).getSelectList());
        if (rows != null) {
            SqlParserPos p = rows.getParserPosition(); // within the probe, whose line 2 is the expression's first line
            rowByRow(rows, at.at(at.line() + p.getLineNum() - 2, p.getColumnNum()), keyPath);
            return false;
        }
        SqlIdentifier loose = aggregate ? AggregateExpressions.columnOutsideAggregates(v.parsed()) : null;
        if (loose != null) {
            diags.error(ErrorCode.SQL_VALIDATION, at.at(at.line(), loose.getParserPosition().getColumnNum()), "'" + keyPath
                            + "' must aggregate the window's rows, but reads column '" + Util.last(loose.names)
                            + "' row by row",
                    "wrap it in an aggregate, e.g. count(order_id) = 0 or max(case when status = 'cancelled' then 1 else 0 end) = 1");
            return false;
        }
        List<String> leaks = new ArrayList<>();
        for (Set<ColumnOrigin> origins : pii.any() ? v.lineage().values() : List.<Set<ColumnOrigin>>of()) {
            for (ColumnOrigin o : origins) leaks.addAll(pii.piiOrigins(o));
        }
        if (!leaks.isEmpty()) {
            diags.error(ErrorCode.PRIVACY, at, "segment '" + spec.name() + "' uses personal data in '" + keyPath
                            + "': " + String.join(", ", new TreeSet<>(leaks)),
                    "columns tagged pii: true cannot decide segment membership; use a derived, non-personal feature");
            return false;
        }
        return true;
    }

    private void rowByRow(SqlCall aggregateCall, SourcePosition at, String keyPath) {
        String function = aggregateCall.getOperator().getName().toLowerCase(Locale.ROOT);
        diags.error(ErrorCode.SQL_VALIDATION, at, "'" + keyPath + "' is decided row by row, but '" + function
                        + "' aggregates rows",
                "aggregate per entity in a feature (group by the entity key) and compare that column here,"
                        + " or use a window: " + function + "(...) over (...)");
    }
}
