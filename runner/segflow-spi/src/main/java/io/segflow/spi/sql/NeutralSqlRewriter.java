package io.segflow.spi.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Base for a {@link SqlFlavor}'s translation of segflow's neutral (DuckDB-flavoured) SQL parse tree into one
 * warehouse's functions and syntax, bottom-up. Subclasses answer {@link #translate} for one call at a time; the
 * shared parts here recognise interval arithmetic, {@code FILTER (WHERE ...)}, casts and the literal arguments
 * (time units, formats) the translations need.
 */
public abstract class NeutralSqlRewriter extends CopyOnChangeShuttle {
    protected final ValidatedTypes types;

    protected NeutralSqlRewriter(ValidatedTypes types) {
        this.types = types;
    }

    /** The rewritten tree (the input is not modified). */
    public SqlNode rewrite(SqlNode node) {
        return node.accept(this);
    }

    /**
     * Snowflake and BigQuery read backslash escapes in string literals (DuckDB does not): a literal backslash,
     * as in a regular expression {@code '\\.'}, must be doubled there.
     */
    @Override
    public SqlNode visit(SqlLiteral literal) {
        if (literal instanceof SqlCharStringLiteral s) {
            String v = s.getValueAs(String.class);
            if (v.indexOf('\\') >= 0) {
                String escaped = v.replace("\\", "\\\\").replace("'", "\\'");
                return TemplateCall.of("'" + escaped + "'", literal.getParserPosition());
            }
        }
        return literal;
    }

    @Override
    public SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        if (!(visited instanceof SqlCall c)) return visited;
        if (c instanceof SqlSelect select) return select(select);
        if (c.getKind() == SqlKind.FILTER) return filterToCase(c);
        if (c.getOperator() instanceof SqlBetweenOperator between
                && between.flag == SqlBetweenOperator.Flag.ASYMMETRIC) {
            // Calcite prints "BETWEEN ASYMMETRIC" (the SQL standard's default); Snowflake and BigQuery only know BETWEEN
            String not = between.isNegated() ? " NOT" : "";
            return template("(({0})" + not + " BETWEEN ({1}) AND ({2}))", c, c.operand(0), c.operand(1), c.operand(2));
        }
        SqlNode translated = translate(c, name(c));
        return translated == null ? c : translated;
    }

    /** A translation of {@code call} (operands already translated), or null to keep it. */
    protected abstract SqlNode translate(SqlCall call, String lowerName);

    /** Hook for clause-level fixes. */
    protected SqlNode select(SqlSelect select) {
        return select;
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    protected static String name(SqlCall call) {
        return call.getOperator().getName().toLowerCase(Locale.ROOT);
    }

    /** A function call printed as {@code NAME(args)} with the name unquoted. */
    protected static SqlCall function(String name, SqlParserPos pos, List<SqlNode> operands) {
        SqlUnresolvedFunction fn = new SqlUnresolvedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), null, null,
                null, null, SqlFunctionCategory.SYSTEM);
        return fn.createCall(pos, operands.toArray(new SqlNode[0]));
    }

    protected static SqlCall template(String template, SqlCall like, SqlNode... operands) {
        return TemplateCall.of(template, like.getParserPosition(), operands);
    }

    /** The text of a string literal argument ('day'), lower-cased; empty when the argument is not a literal. */
    protected static Optional<String> stringArg(SqlNode node) {
        if (node instanceof SqlCharStringLiteral lit) {
            return Optional.of(lit.getValueAs(String.class).toLowerCase(Locale.ROOT).trim());
        }
        if (node instanceof SqlIdentifier id && id.isSimple()) return Optional.of(id.getSimple().toLowerCase(Locale.ROOT));
        return Optional.empty();
    }

    /** The unit of a neutral date part ('days' and 'day' are the same), null when unknown. */
    protected static TimeUnit unit(String part) {
        String p = part.endsWith("s") && !part.equals("dow") ? part.substring(0, part.length() - 1) : part;
        return switch (p) {
            case "year", "yr", "y" -> TimeUnit.YEAR;
            case "quarter" -> TimeUnit.QUARTER;
            case "month", "mon" -> TimeUnit.MONTH;
            case "week", "w" -> TimeUnit.WEEK;
            case "day", "d" -> TimeUnit.DAY;
            case "hour", "h", "hr" -> TimeUnit.HOUR;
            case "minute", "min", "m" -> TimeUnit.MINUTE;
            case "second", "sec" -> TimeUnit.SECOND;
            case "millisecond", "ms" -> TimeUnit.MILLISECOND;
            case "microsecond", "us" -> TimeUnit.MICROSECOND;
            default -> null;
        };
    }

    /** {@code x ± INTERVAL 'n' UNIT} as (x, signed n, unit), or null when {@code call} is something else. */
    protected static IntervalArithmetic intervalArithmetic(SqlCall call) {
        if (call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.MINUS) return null;
        if (call.operandCount() != 2) return null;
        SqlNode left = call.operand(0);
        SqlNode right = call.operand(1);
        boolean minus = call.getKind() == SqlKind.MINUS;
        if (!(right instanceof SqlIntervalLiteral) && !minus && left instanceof SqlIntervalLiteral) {
            SqlNode t = left;
            left = right;
            right = t;
        }
        if (!(right instanceof SqlIntervalLiteral lit)) return null;
        SqlIntervalLiteral.IntervalValue v = lit.getValueAs(SqlIntervalLiteral.IntervalValue.class);
        if (v.getIntervalQualifier().timeUnitRange.endUnit != null) return null;
        String text = v.getIntervalLiteral().trim();
        if (!text.matches("[+-]?\\d+")) return null;
        long n = Long.parseLong(text) * v.getSign() * (minus ? -1 : 1);
        TimeUnit u = v.getIntervalQualifier().timeUnitRange.startUnit;
        return new IntervalArithmetic(left, n, u);
    }

    protected record IntervalArithmetic(SqlNode operand, long amount, TimeUnit unit) {
    }

    /** {@code agg(x) FILTER (WHERE c)} as {@code agg(CASE WHEN c THEN x END)}; {@code count(*)} counts 1s. */
    protected static SqlNode filterToCase(SqlCall filter) {
        SqlCall agg = filter.operand(0);
        SqlNode condition = filter.operand(1);
        List<SqlNode> args = new ArrayList<>(agg.getOperandList());
        if (args.isEmpty() || (args.size() == 1 && args.get(0) instanceof SqlIdentifier id && id.isStar())) {
            args = new ArrayList<>(List.of(SqlLiteral.createExactNumeric("1", SqlParserPos.ZERO)));
        }
        SqlNode first = args.get(0);
        args.set(0, SqlStdOperatorTable.CASE.createCall(SqlParserPos.ZERO, null,
                new SqlNodeList(List.of(condition), SqlParserPos.ZERO),
                new SqlNodeList(List.of(first), SqlParserPos.ZERO), SqlLiteral.createNull(SqlParserPos.ZERO)));
        return agg.getOperator().createCall(agg.getFunctionQuantifier(), agg.getParserPosition(),
                args.toArray(new SqlNode[0]));
    }

    /** The target type of a CAST, as (name, precision, scale); null when it is not a basic type. */
    protected static CastType castType(SqlCall cast) {
        if (cast.getKind() != SqlKind.CAST || !(cast.operand(1) instanceof SqlDataTypeSpec spec)) return null;
        if (!(spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic)) return null;
        SqlTypeName t = SqlTypeName.get(basic.getTypeName().getSimple().toUpperCase(Locale.ROOT));
        return t == null ? null : new CastType(t, basic.getPrecision(), basic.getScale());
    }

    protected record CastType(SqlTypeName name, int precision, int scale) {
    }

    /** Whether the expression is a date (not a timestamp) by validated type, else by syntax. */
    protected boolean isDate(SqlNode node) {
        Optional<SqlTypeName> t = types.of(node);
        if (t.isPresent()) return t.get() == SqlTypeName.DATE;
        if (node instanceof SqlLiteral lit) return lit.getTypeName() == SqlTypeName.DATE;
        if (node instanceof SqlCall c) {
            CastType ct = castType(c);
            if (ct != null) return ct.name() == SqlTypeName.DATE;
            String n = name(c);
            return n.equals("current_date") || n.equals("today");
        }
        return false;
    }
}
