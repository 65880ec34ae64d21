package io.segflow.bigquery;

import io.segflow.spi.sql.NeutralSqlRewriter;
import io.segflow.spi.sql.ValidatedTypes;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Neutral SQL to BigQuery GoogleSQL: BigQuery type names in casts, DATE_/TIMESTAMP_ functions chosen by the
 * validated argument type, argument order of DATE_DIFF/DATE_TRUNC, aggregate names, and {@code WHERE TRUE}
 * before a lone QUALIFY (BigQuery requires WHERE, GROUP BY or HAVING with QUALIFY).
 */
final class BigQueryRewriter extends NeutralSqlRewriter {
    BigQueryRewriter(ValidatedTypes types) {
        super(types);
    }

    @Override
    protected SqlNode select(SqlSelect select) {
        if (select.getQualify() != null && select.getWhere() == null && select.getGroup() == null
                && select.getHaving() == null) {
            // a new select: a translation never changes the tree it is given (SqlFlavor#translate)
            return new SqlSelect(select.getParserPosition(), (SqlNodeList) select.operand(0), select.getSelectList(),
                    select.getFrom(), SqlLiteral.createBoolean(true, SqlParserPos.ZERO), select.getGroup(),
                    select.getHaving(), select.getWindowList(), select.getQualify(), select.getOrderList(),
                    select.getOffset(), select.getFetch(), select.getHints());
        }
        return select;
    }

    @Override
    protected SqlNode translate(SqlCall call, String n) {
        IntervalArithmetic ia = intervalArithmetic(call);
        if (ia != null) return interval(call, ia);
        CastType cast = castType(call);
        if (cast != null) return cast(call, cast);
        List<SqlNode> ops = call.getOperandList();
        return switch (n) {
            case "date_diff", "datediff" -> dateDiff(call);
            case "date_trunc" -> dateTrunc(call);
            case "date_part", "datepart" -> datePart(call);
            case "today" -> template("CURRENT_DATE()", call);
            case "now" -> template("CURRENT_TIMESTAMP()", call);
            case "strftime" -> ops.get(1) instanceof SqlCharStringLiteral
                    ? template((isDate(ops.get(0)) ? "FORMAT_DATE" : "FORMAT_TIMESTAMP") + "({1}, {0})", call,
                    ops.get(0), ops.get(1)) : null;
            case "regexp_matches" -> ops.size() == 2 ? function("REGEXP_CONTAINS", call.getParserPosition(), ops) : null;
            case "md5" -> template("TO_HEX(MD5({0}))", call, ops.get(0));
            case "strlen" -> function("LENGTH", call.getParserPosition(), ops);
            case "epoch" -> template(isDate(ops.get(0)) ? "(UNIX_DATE({0}) * 86400)" : "UNIX_SECONDS({0})", call,
                    ops.get(0));
            case "log2" -> template("LOG({0}, 2)", call, ops.get(0));
            case "count_if" -> function("COUNTIF", call.getParserPosition(), ops);
            case "arg_max" -> function("MAX_BY", call.getParserPosition(), ops);
            case "arg_min" -> function("MIN_BY", call.getParserPosition(), ops);
            case "bool_and" -> function("LOGICAL_AND", call.getParserPosition(), ops);
            case "bool_or" -> function("LOGICAL_OR", call.getParserPosition(), ops);
            // BigQuery has no exact median aggregate: the approximate quantile is the documented translation.
            case "median" -> template("APPROX_QUANTILES({0}, 2)[OFFSET(1)]", call, ops.get(0));
            case "quantile_cont", "quantile_disc" -> quantile(call);
            default -> null;
        };
    }

    private SqlNode interval(SqlCall call, IntervalArithmetic ia) {
        long n = ia.amount();
        String fn = n < 0 ? "SUB" : "ADD";
        String unit = ia.unit() == TimeUnit.WEEK ? "WEEK" : ia.unit().name();
        String amount = "INTERVAL " + Math.abs(n) + " " + unit;
        if (isDate(ia.operand())) return template("DATE_" + fn + "({0}, " + amount + ")", call, ia.operand());
        boolean calendar = ia.unit() == TimeUnit.MONTH || ia.unit() == TimeUnit.YEAR || ia.unit() == TimeUnit.QUARTER
                || ia.unit() == TimeUnit.WEEK;
        if (calendar) {
            // TIMESTAMP_ADD takes only fixed-length units; calendar units go through DATETIME.
            return template("TIMESTAMP(DATETIME_" + fn + "(DATETIME({0}), " + amount + "))", call, ia.operand());
        }
        return template("TIMESTAMP_" + fn + "({0}, " + amount + ")", call, ia.operand());
    }

    private static SqlNode cast(SqlCall call, CastType t) {
        String name = switch (t.name()) {
            case DOUBLE, FLOAT, REAL -> "FLOAT64";
            case TINYINT, SMALLINT, INTEGER, BIGINT -> "INT64";
            case VARCHAR, CHAR -> "STRING";
            case BOOLEAN -> "BOOL";
            case DECIMAL -> t.precision() > 29 || t.scale() > 9 ? "BIGNUMERIC" : "NUMERIC";
            default -> null;
        };
        if (name == null) return null;
        return template("CAST({0} AS " + name + ")", call, call.operand(0));
    }

    private static String unitName(String part) {
        if (part.startsWith("week")) return "ISOWEEK";
        TimeUnit u = unit(part);
        return u == null ? null : u.name();
    }

    private SqlNode dateDiff(SqlCall call) {
        Optional<String> part = stringArg(call.operand(0));
        String u = part.map(BigQueryRewriter::unitName).orElse(null);
        if (u == null) return null;
        SqlNode a = call.operand(1);
        SqlNode b = call.operand(2);
        if (isDate(a) && isDate(b)) return template("DATE_DIFF({1}, {0}, " + u + ")", call, a, b);
        // DuckDB counts unit boundaries crossed; so does DATETIME_DIFF (TIMESTAMP_DIFF counts whole units).
        return template("DATETIME_DIFF(DATETIME({1}), DATETIME({0}), " + u + ")", call, a, b);
    }

    private SqlNode dateTrunc(SqlCall call) {
        Optional<String> part = stringArg(call.operand(0));
        if (part.isEmpty()) return null;
        String u = part.get().startsWith("week") ? "ISOWEEK" : unitName(part.get());
        if (u == null) return null;
        SqlNode x = call.operand(1);
        return template((isDate(x) ? "DATE_TRUNC" : "TIMESTAMP_TRUNC") + "({0}, " + u + ")", call, x);
    }

    private SqlNode datePart(SqlCall call) {
        Optional<String> part = stringArg(call.operand(0));
        if (part.isEmpty()) return null;
        SqlNode x = call.operand(1);
        return switch (part.get()) {
            case "dow", "dayofweek" -> template("(EXTRACT(DAYOFWEEK FROM {0}) - 1)", call, x);
            case "isodow" -> template("(MOD(EXTRACT(DAYOFWEEK FROM {0}) + 5, 7) + 1)", call, x);
            case "doy", "dayofyear" -> template("EXTRACT(DAYOFYEAR FROM {0})", call, x);
            case "week", "weekofyear" -> template("EXTRACT(ISOWEEK FROM {0})", call, x);
            case "epoch" -> template(isDate(x) ? "(UNIX_DATE({0}) * 86400)" : "UNIX_SECONDS({0})", call, x);
            default -> {
                TimeUnit u = unit(part.get());
                yield u == null ? null : template("EXTRACT(" + u.name() + " FROM {0})", call, x);
            }
        };
    }

    /** quantile_cont(x, p) with a literal p as an approximate quantile (BigQuery has no exact aggregate). */
    private static SqlNode quantile(SqlCall call) {
        if (!(call.operand(1) instanceof SqlNumericLiteral p)) return null;
        double q = p.getValueAs(Double.class);
        int offset = (int) Math.round(q * 100);
        return template("APPROX_QUANTILES({0}, 100)[OFFSET(" + offset + ")]", call, call.operand(0));
    }
}
