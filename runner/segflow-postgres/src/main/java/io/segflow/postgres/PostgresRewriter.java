package io.segflow.postgres;

import io.segflow.spi.sql.NeutralSqlRewriter;
import io.segflow.spi.sql.ValidatedTypes;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Neutral (DuckDB-flavoured) SQL to PostgreSQL. Where the two agree on a name but not on a meaning the call is
 * rewritten too: {@code /} divides as floating point and gives NULL for a zero divisor (PostgreSQL truncates
 * integers and raises), {@code date_diff} counts boundaries by date arithmetic, {@code date_part}/{@code EXTRACT}
 * return bigint (PostgreSQL: numeric), {@code round(double, n)} goes through numeric (PostgreSQL has no such
 * overload), {@code regexp_matches} is the {@code ~} operator (PostgreSQL's returns a set).
 */
final class PostgresRewriter extends NeutralSqlRewriter {
    PostgresRewriter(ValidatedTypes types) {
        super(types);
    }

    /** PostgreSQL reads backslashes literally, as DuckDB does (standard_conforming_strings). */
    @Override
    public SqlNode visit(SqlLiteral literal) {
        return literal;
    }

    @Override
    protected SqlNode select(SqlSelect select) {
        return PostgresQualify.rewrite(select);
    }

    @Override
    protected SqlNode translate(SqlCall call, String n) {
        List<SqlNode> ops = call.getOperandList();
        if (call.getKind() == SqlKind.DIVIDE) {
            return approximate(template("(CAST({0} AS double precision) / NULLIF({1}, 0))", call, ops.get(0), ops.get(1)));
        }
        CastType cast = castType(call);
        if (cast != null && SqlTypeName.APPROX_TYPES.contains(cast.name())) {
            return approximate(template("CAST({0} AS double precision)", call, ops.get(0)));
        }
        if (cast != null && SqlTypeName.CHAR_TYPES.contains(cast.name()) && !exact(ops.get(0))
                && (approximate.contains(ops.get(0)) || types.of(ops.get(0)).map(SqlTypeName.APPROX_TYPES::contains)
                .orElse(false))) {
            // DuckDB prints a whole double as 98.0, PostgreSQL as 98 (segment explanations are compared as text)
            return template("(CASE WHEN CAST({0} AS text) ~ '^-?[0-9]+$' THEN CAST({0} AS text) || '.0'"
                    + " ELSE CAST({0} AS text) END)", call, ops.get(0));
        }
        if (call.getKind() == SqlKind.EXTRACT) return template("CAST({2} AS bigint)", call, ops.get(0), ops.get(1), call);
        return switch (n) {
            case "date_diff", "datediff" -> dateDiff(call);
            case "date_trunc" -> dateTrunc(call);
            case "date_part", "datepart" -> datePart(call);
            case "year", "month", "day", "hour", "minute", "quarter", "dayofweek", "dayofyear" -> ops.size() == 1
                    ? template("CAST(EXTRACT(" + partOf(n) + " FROM {0}) AS bigint)", call, ops.get(0)) : null;
            case "today" -> template("CURRENT_DATE", call);
            case "now" -> template("CURRENT_TIMESTAMP", call);
            case "strftime" -> PostgresFormats.toChar(ops.get(1))
                    .map(f -> template("TO_CHAR({0}, '" + f + "')", call, ops.get(0))).orElse(null);
            case "regexp_matches" -> ops.size() == 2 ? template("({0} ~ {1})", call, ops.get(0), ops.get(1)) : null;
            case "strlen" -> function("LENGTH", call.getParserPosition(), ops);
            case "epoch" -> template("EXTRACT(EPOCH FROM {0})", call, ops.get(0));
            case "log10" -> template("LOG({0})", call, ops.get(0));
            case "log2" -> template("LOG(2, {0})", call, ops.get(0));
            case "ifnull" -> function("COALESCE", call.getParserPosition(), ops);
            case "arg_max" -> template("(ARRAY_AGG({0} ORDER BY {1} DESC) FILTER (WHERE {1} IS NOT NULL))[1]", call,
                    ops.get(0), ops.get(1));
            case "arg_min" -> template("(ARRAY_AGG({0} ORDER BY {1}) FILTER (WHERE {1} IS NOT NULL))[1]", call,
                    ops.get(0), ops.get(1));
            case "median" -> template("PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY {0})", call, ops.get(0));
            case "quantile_cont" -> template("PERCENTILE_CONT({1}) WITHIN GROUP (ORDER BY {0})", call, ops.get(0), ops.get(1));
            case "quantile_disc" -> template("PERCENTILE_DISC({1}) WITHIN GROUP (ORDER BY {0})", call, ops.get(0), ops.get(1));
            case "round" -> ops.size() == 2 && !exact(ops.get(0))
                    ? approximate(template("CAST(ROUND(CAST({0} AS numeric), {1}) AS double precision)", call,
                    ops.get(0), ops.get(1)))
                    : null;
            case "count_if" -> template("COUNT(CASE WHEN {0} THEN 1 END)", call, ops.get(0));
            default -> call.getOperator() instanceof SqlUnresolvedFunction ? unquoted(call, n) : null;
        };
    }

    /** Nodes this rewriter made double precision (Calcite types a decimal quotient as DECIMAL; DuckDB as DOUBLE). */
    private final Set<SqlNode> approximate = Collections.newSetFromMap(new IdentityHashMap<>());

    private SqlNode approximate(SqlNode node) {
        approximate.add(node);
        return node;
    }

    /** Whether the expression's validated type is exact (integer or decimal), where round(x, n) exists as is. */
    private boolean exact(SqlNode node) {
        if (approximate.contains(node)) return false;
        Optional<SqlTypeName> t = types.of(node);
        return t.isPresent() && (SqlTypeName.EXACT_TYPES.contains(t.get()));
    }

    /**
     * A function Calcite does not know, printed with its name unquoted: quoted, {@code "greatest"} would name a
     * function PostgreSQL does not have ({@code GREATEST} is syntax), and user functions are folded to lower case.
     */
    private static SqlNode unquoted(SqlCall call, String lowerName) {
        StringBuilder t = new StringBuilder(lowerName).append('(');
        if (call.getFunctionQuantifier() != null) t.append(call.getFunctionQuantifier().toValue()).append(' ');
        for (int i = 0; i < call.operandCount(); i++) t.append(i == 0 ? "" : ", ").append('{').append(i).append('}');
        return template(t.append(')').toString(), call, call.getOperandList().toArray(new SqlNode[0]));
    }

    private static String partOf(String fn) {
        return switch (fn) {
            case "dayofweek" -> "DOW";
            case "dayofyear" -> "DOY";
            default -> fn.toUpperCase(java.util.Locale.ROOT);
        };
    }

    /** DuckDB counts unit boundaries between the two values; so does date arithmetic on truncated values. */
    private SqlNode dateDiff(SqlCall call) {
        Optional<TimeUnit> unit = stringArg(call.operand(0)).map(NeutralSqlRewriter::unit);
        if (unit.isEmpty() || unit.get() == null) return null;
        SqlNode from = call.operand(1);
        SqlNode to = call.operand(2);
        String days = "(CAST({1} AS date) - CAST({0} AS date))";
        String years = "(EXTRACT(YEAR FROM {1}) - EXTRACT(YEAR FROM {0}))";
        String t = switch (unit.get()) {
            case DAY -> days;
            case WEEK -> "CAST((CAST(DATE_TRUNC('week', CAST({1} AS timestamp)) AS date)"
                    + " - CAST(DATE_TRUNC('week', CAST({0} AS timestamp)) AS date)) / 7 AS bigint)";
            case MONTH -> "CAST(" + years + " * 12 + EXTRACT(MONTH FROM {1}) - EXTRACT(MONTH FROM {0}) AS bigint)";
            case QUARTER -> "CAST(" + years + " * 4 + EXTRACT(QUARTER FROM {1}) - EXTRACT(QUARTER FROM {0}) AS bigint)";
            case YEAR -> "CAST(" + years + " AS bigint)";
            case HOUR, MINUTE, SECOND -> {
                String u = unit.get().name().toLowerCase(java.util.Locale.ROOT);
                int seconds = switch (unit.get()) {
                    case HOUR -> 3600;
                    case MINUTE -> 60;
                    default -> 1;
                };
                yield "CAST(EXTRACT(EPOCH FROM DATE_TRUNC('" + u + "', CAST({1} AS timestamp)) - DATE_TRUNC('" + u
                        + "', CAST({0} AS timestamp))) / " + seconds + " AS bigint)";
            }
            default -> null;
        };
        return t == null ? null : template(t, call, from, to);
    }

    /**
     * A date truncates to a timestamp, as on DuckDB; cast first, since PostgreSQL would pick its timestamptz
     * overload for a date and make the result depend on the session's time zone.
     */
    private SqlNode dateTrunc(SqlCall call) {
        Optional<TimeUnit> unit = stringArg(call.operand(0)).map(NeutralSqlRewriter::unit);
        if (unit.isEmpty() || unit.get() == null) return null;
        String u = unit.get().name().toLowerCase(java.util.Locale.ROOT);
        if (isDate(call.operand(1))) {
            return template("DATE_TRUNC('" + u + "', CAST({0} AS timestamp))", call, call.operand(1));
        }
        return template("DATE_TRUNC('" + u + "', {0})", call, call.operand(1));
    }

    private SqlNode datePart(SqlCall call) {
        Optional<String> part = stringArg(call.operand(0));
        if (part.isEmpty()) return null;
        String p = switch (part.get()) {
            case "dow", "dayofweek" -> "DOW";
            case "doy", "dayofyear" -> "DOY";
            case "isodow" -> "ISODOW";
            case "week", "weekofyear" -> "WEEK";
            case "epoch" -> "EPOCH";
            default -> {
                TimeUnit u = unit(part.get());
                yield u == null ? null : u.name();
            }
        };
        if (p == null) return null;
        String cast = p.equals("EPOCH") ? "double precision" : "bigint";
        return template("CAST(EXTRACT(" + p + " FROM {0}) AS " + cast + ")", call, call.operand(1));
    }
}
