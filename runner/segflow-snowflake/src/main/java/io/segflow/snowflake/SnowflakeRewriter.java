package io.segflow.snowflake;

import io.segflow.spi.sql.NeutralSqlRewriter;
import io.segflow.spi.sql.ValidatedTypes;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/** Neutral SQL to Snowflake: DATEADD/DATEDIFF, EXTRACT parts, TO_CHAR formats, Snowflake aggregate names. */
final class SnowflakeRewriter extends NeutralSqlRewriter {
    SnowflakeRewriter(ValidatedTypes types) {
        super(types);
    }

    @Override
    protected SqlNode translate(SqlCall call, String n) {
        IntervalArithmetic ia = intervalArithmetic(call);
        if (ia != null) {
            return template("DATEADD(" + ia.unit().name() + ", " + ia.amount() + ", {0})", call, ia.operand());
        }
        SqlNode scaled = scaledDateAdd(call);
        if (scaled != null) return scaled;
        List<SqlNode> ops = call.getOperandList();
        return switch (n) {
            case "date_diff", "datediff" -> unitCall(call, "DATEDIFF({u}, {1}, {2})");
            case "date_trunc" -> unitCall(call, "DATE_TRUNC({u}, {1})");
            case "date_part", "datepart" -> datePart(call);
            case "today" -> template("CURRENT_DATE", call);
            case "now" -> template("CURRENT_TIMESTAMP", call);
            case "strftime" -> formatArg(ops.get(1)).map(f -> template("TO_CHAR({0}, '" + f + "')", call, ops.get(0)))
                    .orElse(null);
            case "regexp_matches" -> ops.size() == 2 ? template("(REGEXP_INSTR({0}, {1}) > 0)", call, ops.get(0), ops.get(1))
                    : null;
            case "strlen" -> function("LENGTH", call.getParserPosition(), ops);
            case "epoch" -> template("DATE_PART(EPOCH_SECOND, {0})", call, ops.get(0));
            case "log10" -> template("LOG(10, {0})", call, ops.get(0));
            case "log2" -> template("LOG(2, {0})", call, ops.get(0));
            case "arg_max" -> function("MAX_BY", call.getParserPosition(), ops);
            case "arg_min" -> function("MIN_BY", call.getParserPosition(), ops);
            case "string_agg" -> function("LISTAGG", call.getParserPosition(), ops);
            case "bool_and" -> function("BOOLAND_AGG", call.getParserPosition(), ops);
            case "bool_or" -> function("BOOLOR_AGG", call.getParserPosition(), ops);
            case "quantile_cont" -> template("PERCENTILE_CONT({1}) WITHIN GROUP (ORDER BY {0})", call, ops.get(0), ops.get(1));
            case "quantile_disc" -> template("PERCENTILE_DISC({1}) WITHIN GROUP (ORDER BY {0})", call, ops.get(0), ops.get(1));
            default -> null;
        };
    }

    /** A call whose first argument is a neutral unit string: {u} becomes the Snowflake unit keyword. */
    private SqlNode unitCall(SqlCall call, String pattern) {
        Optional<TimeUnit> u = stringArg(call.operand(0)).map(NeutralSqlRewriter::unit);
        if (u.isEmpty() || u.get() == null) return null;
        List<SqlNode> ops = call.getOperandList();
        String t = pattern.replace("{u}", u.get().name());
        return template(t, call, ops.toArray(new SqlNode[0]));
    }

    private SqlNode datePart(SqlCall call) {
        Optional<String> part = stringArg(call.operand(0));
        if (part.isEmpty()) return null;
        String p = part.get();
        String sf = switch (p) {
            case "dow", "dayofweek" -> "DAYOFWEEK";
            case "doy", "dayofyear" -> "DAYOFYEAR";
            case "isodow" -> "DAYOFWEEKISO";
            case "week", "weekofyear" -> "WEEKISO";
            case "epoch" -> "EPOCH_SECOND";
            default -> {
                TimeUnit u = unit(p);
                yield u == null ? null : u.name();
            }
        };
        return sf == null ? null : template("DATE_PART(" + sf + ", {1})", call, call.getOperandList().toArray(new SqlNode[0]));
    }

    /** strftime format to Snowflake's TO_CHAR format; empty when a directive has no equivalent. */
    static Optional<String> formatArg(SqlNode node) {
        if (!(node instanceof org.apache.calcite.sql.SqlCharStringLiteral lit)) return Optional.empty();
        String f = lit.getValueAs(String.class);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%' || i + 1 == f.length()) {
                if (Character.isLetter(c)) out.append('"').append(c).append('"');
                else out.append(c == '\'' ? "''" : String.valueOf(c));
                continue;
            }
            char d = f.charAt(++i);
            String s = switch (d) {
                case 'Y' -> "YYYY";
                case 'y' -> "YY";
                case 'm' -> "MM";
                case 'd' -> "DD";
                case 'H' -> "HH24";
                case 'M' -> "MI";
                case 'S' -> "SS";
                case 'b' -> "MON";
                case 'a' -> "DY";
                case '%' -> "%";
                default -> null;
            };
            if (s == null) return Optional.empty();
            out.append(s);
        }
        return Optional.of(out.toString());
    }

    /**
     * {@code x + (n) * INTERVAL '1' DAY}, what dbt.dateadd renders for a computed amount, as
     * {@code DATEADD(DAY, (n), x)}: Snowflake cannot multiply an interval.
     */
    private static SqlNode scaledDateAdd(SqlCall call) {
        if ((call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.MINUS) || call.operandCount() != 2
                || !(call.operand(1) instanceof SqlCall times) || times.getKind() != SqlKind.TIMES) {
            return null;
        }
        int unitAt = times.operand(1) instanceof SqlIntervalLiteral ? 1 : times.operand(0) instanceof SqlIntervalLiteral ? 0 : -1;
        if (unitAt < 0) return null;
        SqlIntervalLiteral.IntervalValue v =
                ((SqlIntervalLiteral) times.operand(unitAt)).getValueAs(SqlIntervalLiteral.IntervalValue.class);
        if (v.getIntervalQualifier().timeUnitRange.endUnit != null || v.getSign() < 0
                || !v.getIntervalLiteral().trim().equals("1")) {
            return null;
        }
        String unit = v.getIntervalQualifier().timeUnitRange.startUnit.name();
        String sign = call.getKind() == SqlKind.MINUS ? "-" : "";
        return template("DATEADD(" + unit + ", " + sign + "({1}), {0})", call, call.operand(0), times.operand(1 - unitAt));
    }
}
