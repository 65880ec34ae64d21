package io.segflow.core.sql;

import java.util.List;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.SqlBasicFunction;

/**
 * DuckDB-style functions analytics SQL commonly uses that Calcite's libraries lack or type differently.
 * They take precedence over library functions of the same name (see {@link SqlEnvironment}).
 */
final class DuckDbFunctions {
    private DuckDbFunctions() {
    }

    static List<SqlOperator> all() {
        SqlReturnTypeInference bigint = ReturnTypes.BIGINT_NULLABLE;
        SqlReturnTypeInference varchar = ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.TO_NULLABLE);
        SqlOperandTypeChecker partAndDatetime = OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME);
        SqlOperandTypeChecker partAndTwoDatetimes = OperandTypes.family(
                SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME);
        return List.of(
                fn("date_diff", bigint, partAndTwoDatetimes),
                fn("datediff", bigint, partAndTwoDatetimes),
                fn("date_sub", bigint, partAndTwoDatetimes),
                fn("date_trunc", ReturnTypes.ARG1_NULLABLE, partAndDatetime),
                fn("date_part", bigint, partAndDatetime),
                fn("datepart", bigint, partAndDatetime),
                fn("strftime", varchar, OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.CHARACTER)),
                fn("strptime", ReturnTypes.TIMESTAMP.andThen(SqlTypeTransforms.TO_NULLABLE), OperandTypes.STRING_STRING),
                fn("regexp_matches", ReturnTypes.BOOLEAN_NULLABLE,
                        OperandTypes.or(OperandTypes.STRING_STRING, OperandTypes.STRING_STRING_STRING)),
                fn("length", bigint, OperandTypes.STRING),
                fn("strlen", bigint, OperandTypes.STRING),
                fn("concat", varchar, OperandTypes.ONE_OR_MORE),
                fn("greatest", ReturnTypes.LEAST_RESTRICTIVE, OperandTypes.SAME_VARIADIC),
                fn("least", ReturnTypes.LEAST_RESTRICTIVE, OperandTypes.SAME_VARIADIC),
                fn("ifnull", ReturnTypes.LEAST_RESTRICTIVE, OperandTypes.SAME_SAME),
                fn("today", ReturnTypes.DATE, OperandTypes.NILADIC),
                fn("now", ReturnTypes.TIMESTAMP, OperandTypes.NILADIC),
                fn("epoch", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.DATETIME),
                fn("md5", varchar, OperandTypes.STRING),
                fn("hash", ReturnTypes.BIGINT_NULLABLE, OperandTypes.ONE_OR_MORE),
                fn("log10", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC),
                fn("log2", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC),
                agg("median", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC),
                agg("count_if", ReturnTypes.BIGINT, OperandTypes.BOOLEAN),
                agg("arg_max", ReturnTypes.ARG0_NULLABLE_IF_EMPTY, OperandTypes.ANY_ANY),
                agg("arg_min", ReturnTypes.ARG0_NULLABLE_IF_EMPTY, OperandTypes.ANY_ANY),
                agg("quantile_cont", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC_NUMERIC),
                agg("quantile_disc", ReturnTypes.ARG0_NULLABLE_IF_EMPTY, OperandTypes.ANY_NUMERIC),
                agg("string_agg", varchar, OperandTypes.or(OperandTypes.STRING, OperandTypes.STRING_STRING)),
                agg("stddev_samp", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC),
                agg("bool_and", ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.BOOLEAN),
                agg("bool_or", ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.BOOLEAN));
    }

    private static SqlFunction fn(String name, SqlReturnTypeInference ret, SqlOperandTypeChecker operands) {
        return SqlBasicFunction.create(name, ret, operands, SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    private static SqlAggFunction agg(String name, SqlReturnTypeInference ret, SqlOperandTypeChecker operands) {
        return SqlBasicAggFunction.create(name, SqlKind.OTHER_FUNCTION, ret, operands)
                .withFunctionType(SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }
}
