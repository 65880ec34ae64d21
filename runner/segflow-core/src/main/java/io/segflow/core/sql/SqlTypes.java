package io.segflow.core.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Maps portable column type names (see {@link io.segflow.spi.ColumnDef}) to Calcite types and back. */
final class SqlTypes {
    private static final Pattern TYPE = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z_ ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

    private SqlTypes() {
    }

    /** Parses a portable type name; returns null when the name is not one we know. */
    static RelDataType toRelType(RelDataTypeFactory factory, String typeName, boolean nullable) {
        Matcher m = TYPE.matcher(typeName);
        if (!m.matches()) return null;
        String base = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        Integer p = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer s = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        RelDataType t = switch (base) {
            case "BOOLEAN", "BOOL" -> factory.createSqlType(SqlTypeName.BOOLEAN);
            case "TINYINT" -> factory.createSqlType(SqlTypeName.TINYINT);
            case "SMALLINT" -> factory.createSqlType(SqlTypeName.SMALLINT);
            case "INTEGER", "INT", "INT4" -> factory.createSqlType(SqlTypeName.INTEGER);
            case "BIGINT", "INT8", "LONG", "INT64" -> factory.createSqlType(SqlTypeName.BIGINT);
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8", "FLOAT64" -> factory.createSqlType(SqlTypeName.DOUBLE);
            case "REAL", "FLOAT4" -> factory.createSqlType(SqlTypeName.REAL);
            case "DECIMAL", "NUMERIC" -> p == null ? factory.createSqlType(SqlTypeName.DECIMAL)
                    : s == null ? factory.createSqlType(SqlTypeName.DECIMAL, p)
                    : factory.createSqlType(SqlTypeName.DECIMAL, p, s);
            case "VARCHAR", "TEXT", "STRING", "CHAR", "CHARACTER VARYING" ->
                    factory.createSqlType(SqlTypeName.VARCHAR);
            case "DATE" -> factory.createSqlType(SqlTypeName.DATE);
            case "TIMESTAMP", "DATETIME", "TIMESTAMP_NTZ" -> factory.createSqlType(SqlTypeName.TIMESTAMP);
            case "TIMESTAMPTZ", "TIMESTAMP_TZ", "TIMESTAMP WITH TIME ZONE" ->
                    factory.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
            case "TIME" -> factory.createSqlType(SqlTypeName.TIME);
            default -> null;
        };
        return t == null ? null : factory.createTypeWithNullability(t, nullable);
    }

    /** The portable name of a Calcite type (integers narrower than INTEGER widen to INTEGER, floats to DOUBLE). */
    static String toPortable(RelDataType type) {
        SqlTypeName n = type.getSqlTypeName();
        return switch (n) {
            case BOOLEAN -> "BOOLEAN";
            case TINYINT, SMALLINT, INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case FLOAT, REAL, DOUBLE -> "DOUBLE";
            case DECIMAL -> "DECIMAL(" + type.getPrecision() + "," + Math.max(type.getScale(), 0) + ")";
            case CHAR, VARCHAR -> "VARCHAR";
            case DATE -> "DATE";
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> "TIMESTAMP";
            case TIME -> "TIME";
            case NULL -> "VARCHAR";
            default -> n.getName();
        };
    }
}
