package io.segflow.postgres;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps PostgreSQL types to segflow's portable type names and Java values, and portable values to COPY text.
 *
 * <p>Every integer type is read as {@link Long}; {@code numeric(p,s)} is DECIMAL(p,s) read as {@link BigDecimal};
 * an unconstrained {@code numeric} (what {@code SUM(bigint)} and {@code AVG} return) has no scale to promise, so
 * it is DOUBLE, as the same aggregates are on DuckDB; {@code timestamptz} is read as a UTC {@link LocalDateTime};
 * any other type (uuid, interval, json, arrays) is read as its text.
 */
final class PostgresTypes {
    private static final Pattern NUMERIC = Pattern.compile("(?:numeric|decimal)\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    private PostgresTypes() {
    }

    /** The portable name of a type as {@code format_type()} or the driver names it ({@code int4}, {@code numeric(12,2)}). */
    static String portable(String pgType) {
        String t = pgType.trim().toLowerCase(Locale.ROOT);
        Matcher m = NUMERIC.matcher(t);
        if (m.matches()) return "DECIMAL(" + m.group(1) + "," + m.group(2) + ")";
        if (t.startsWith("character varying") || t.startsWith("varchar") || t.startsWith("character")
                || t.startsWith("bpchar") || t.startsWith("char")) {
            return "VARCHAR";
        }
        if (t.startsWith("timestamp")) return "TIMESTAMP";
        return switch (t) {
            case "boolean", "bool" -> "BOOLEAN";
            case "smallint", "integer", "int2", "int4", "int", "serial", "smallserial" -> "INTEGER";
            case "bigint", "int8", "bigserial" -> "BIGINT";
            case "double precision", "real", "float4", "float8", "numeric", "decimal" -> "DOUBLE";
            case "date" -> "DATE";
            default -> "VARCHAR";
        };
    }

    /** The portable type of a result column from the driver's type name, precision and scale. */
    static String portable(String driverType, int precision, int scale) {
        String t = driverType.toLowerCase(Locale.ROOT);
        if (t.equals("numeric") && precision > 0 && precision <= 1000) return "DECIMAL(" + precision + "," + scale + ")";
        return portable(t);
    }

    /** A DDL type for a portable type name; names PostgreSQL does not know as such are translated. */
    static String ddl(String portableType) {
        String t = portableType.trim().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "DOUBLE", "FLOAT", "FLOAT64" -> "double precision";
            case "VARCHAR", "STRING", "TEXT" -> "text";
            case "INTEGER", "INT" -> "integer";
            case "BIGINT", "INT64" -> "bigint";
            case "BOOLEAN", "BOOL" -> "boolean";
            case "TIMESTAMP" -> "timestamp";
            case "DATE" -> "date";
            default -> t.startsWith("DECIMAL") ? "numeric" + t.substring("DECIMAL".length()) : portableType.trim();
        };
    }

    /** Reads column {@code i} (1-based) of the current row as the Java type its portable type promises. */
    static Object read(ResultSet rs, int i, String portableType, boolean withZone) throws SQLException {
        Object raw = rs.getObject(i);
        if (raw == null) return null;
        switch (portableType) {
            case "BOOLEAN":
                return raw instanceof Boolean b ? b : Boolean.valueOf(raw.toString());
            case "INTEGER", "BIGINT":
                return ((Number) raw).longValue();
            case "DOUBLE":
                return ((Number) raw).doubleValue();
            case "DATE":
                return rs.getObject(i, LocalDate.class);
            case "TIMESTAMP":
                if (withZone) {
                    return rs.getObject(i, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                }
                return rs.getObject(i, LocalDateTime.class);
            case "VARCHAR":
                return raw instanceof String s ? s : raw.toString();
            default:
                return raw instanceof BigDecimal bd ? bd : new BigDecimal(raw.toString());
        }
    }

    /** One value in COPY's text format ({@code \N} for NULL; backslash, tab and line breaks escaped). */
    static void appendCopyText(StringBuilder out, String portableType, Object v) {
        if (v == null) {
            out.append("\\N");
            return;
        }
        String t = portable(ddl(portableType));
        String text = switch (t) {
            case "BOOLEAN" -> (v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString())) ? "t" : "f";
            case "INTEGER", "BIGINT" -> String.valueOf(asNumber(v, t).longValue());
            case "DOUBLE" -> String.valueOf(asNumber(v, t).doubleValue());
            case "DATE" -> (v instanceof LocalDate d ? d : LocalDate.parse(v.toString())).toString();
            case "TIMESTAMP" -> {
                LocalDateTime ts = v instanceof LocalDateTime l ? l : LocalDateTime.parse(v.toString());
                yield ts.toLocalDate() + " " + ts.toLocalTime();
            }
            case "VARCHAR" -> v.toString();
            default -> {
                int scale = Integer.parseInt(t.substring(t.indexOf(',') + 1, t.length() - 1));
                BigDecimal d = v instanceof BigDecimal bd ? bd : new BigDecimal(v.toString());
                yield d.setScale(scale, RoundingMode.HALF_UP).toPlainString();
            }
        };
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    private static Number asNumber(Object v, String type) {
        if (v instanceof Number n) return n;
        throw new IllegalArgumentException("expected a number for " + type + " but got " + v.getClass().getSimpleName());
    }
}
