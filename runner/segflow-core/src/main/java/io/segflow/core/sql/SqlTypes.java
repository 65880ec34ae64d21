package io.segflow.core.sql;

import io.segflow.spi.sql.BoundedMemo;
import java.util.Locale;
import java.util.Optional;
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

    /**
     * What a portable type name says, remembered per name: every column of every relation a compile adds to its
     * catalog is built from one, and projects use a handful of names.
     */
    private static final BoundedMemo<String, Optional<Spec>> SPECS = new BoundedMemo<>(10_000);

    private record Spec(SqlTypeName name, Integer precision, Integer scale) {
    }

    /** Parses a portable type name; returns null when the name is not one we know. */
    static RelDataType toRelType(RelDataTypeFactory factory, String typeName, boolean nullable) {
        Spec spec = SPECS.get(typeName, SqlTypes::spec).orElse(null);
        if (spec == null) return null;
        RelDataType t = spec.precision() == null ? factory.createSqlType(spec.name())
                : spec.scale() == null ? factory.createSqlType(spec.name(), spec.precision())
                : factory.createSqlType(spec.name(), spec.precision(), spec.scale());
        return factory.createTypeWithNullability(t, nullable);
    }

    private static Optional<Spec> spec(String typeName) {
        Matcher m = TYPE.matcher(typeName);
        if (!m.matches()) return Optional.empty();
        String base = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        Integer p = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer s = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        SqlTypeName name = switch (base) {
            case "BOOLEAN", "BOOL" -> SqlTypeName.BOOLEAN;
            case "TINYINT" -> SqlTypeName.TINYINT;
            case "SMALLINT" -> SqlTypeName.SMALLINT;
            case "INTEGER", "INT", "INT4" -> SqlTypeName.INTEGER;
            case "BIGINT", "INT8", "LONG", "INT64" -> SqlTypeName.BIGINT;
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8", "FLOAT64" -> SqlTypeName.DOUBLE;
            case "REAL", "FLOAT4" -> SqlTypeName.REAL;
            case "DECIMAL", "NUMERIC" -> SqlTypeName.DECIMAL;
            case "VARCHAR", "TEXT", "STRING", "CHAR", "CHARACTER VARYING" -> SqlTypeName.VARCHAR;
            case "DATE" -> SqlTypeName.DATE;
            case "TIMESTAMP", "DATETIME", "TIMESTAMP_NTZ" -> SqlTypeName.TIMESTAMP;
            case "TIMESTAMPTZ", "TIMESTAMP_TZ", "TIMESTAMP WITH TIME ZONE" -> SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
            case "TIME" -> SqlTypeName.TIME;
            default -> null;
        };
        if (name == null) return Optional.empty();
        // only DECIMAL keeps a precision and scale; the other names ignore what the text gives
        return Optional.of(name == SqlTypeName.DECIMAL ? new Spec(name, p, p == null ? null : s) : new Spec(name, null, null));
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
