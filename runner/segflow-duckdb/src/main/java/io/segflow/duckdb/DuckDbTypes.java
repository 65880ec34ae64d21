package io.segflow.duckdb;

import java.math.BigDecimal;
import java.math.BigInteger;
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
import org.duckdb.DuckDBAppender;

/**
 * Maps DuckDB types to segflow's portable type names and Java values.
 *
 * <p>Portable names: BOOLEAN, INTEGER, BIGINT, DOUBLE, DECIMAL(p,s), VARCHAR, DATE, TIMESTAMP. Every integer
 * type up to 64 bits is read as {@link Long} (also INTEGER columns); HUGEINT / UBIGINT (e.g. {@code SUM} of a
 * BIGINT) become DECIMAL(38,0) read as {@link BigDecimal}; FLOAT is widened to DOUBLE; TIMESTAMP WITH TIME ZONE
 * is read as a UTC {@link LocalDateTime}; any other type (UUID, INTERVAL, LIST, ...) is read as its text.
 */
final class DuckDbTypes {
    private static final Pattern DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC)\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    private DuckDbTypes() {
    }

    /** The portable name for a DuckDB type name such as {@code DECIMAL(12,2)} or {@code TIMESTAMP WITH TIME ZONE}. */
    static String portable(String duckType) {
        String t = duckType.trim().toUpperCase(Locale.ROOT);
        Matcher m = DECIMAL.matcher(t);
        if (m.matches()) return "DECIMAL(" + m.group(1) + "," + m.group(2) + ")";
        switch (t) {
            case "BOOLEAN", "BOOL":
                return "BOOLEAN";
            case "TINYINT", "SMALLINT", "INTEGER", "INT", "UTINYINT", "USMALLINT":
                return "INTEGER";
            case "BIGINT", "UINTEGER":
                return "BIGINT";
            case "HUGEINT", "UHUGEINT", "UBIGINT", "DECIMAL", "NUMERIC":
                return "DECIMAL(38,0)";
            case "FLOAT", "REAL", "DOUBLE":
                return "DOUBLE";
            case "DATE":
                return "DATE";
            case "TIMESTAMP", "DATETIME", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS",
                    "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ":
                return "TIMESTAMP";
            default:
                return "VARCHAR";
        }
    }

    /** Reads column {@code i} (1-based) of the current row as the Java type its portable type promises. */
    static Object read(ResultSet rs, int i, String portableType) throws SQLException {
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
                return raw instanceof LocalDate d ? d : rs.getObject(i, LocalDate.class);
            case "TIMESTAMP":
                if (raw instanceof OffsetDateTime odt) return odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                return rs.getObject(i, LocalDateTime.class);
            case "VARCHAR":
                return raw instanceof String s ? s : raw.toString();
            default:
                if (raw instanceof BigDecimal bd) return bd;
                if (raw instanceof BigInteger bi) return new BigDecimal(bi);
                if (raw instanceof Number n) return new BigDecimal(n.toString());
                return new BigDecimal(raw.toString());
        }
    }

    /** A DDL type for a portable (or DuckDB-native) type name; portable names are valid DuckDB types as they are. */
    static String ddl(String portableType) {
        return portableType.trim();
    }

    /** Appends one value of a column declared with {@code portableType}; throws with the value's class on mismatch. */
    static void append(DuckDBAppender appender, String portableType, Object v) throws SQLException {
        if (v == null) {
            appender.appendNull();
            return;
        }
        String declared = portableType.trim().toUpperCase(Locale.ROOT);
        // narrower DuckDB-native types (a source's own column types) need the appender call of their width
        switch (declared) {
            case "TINYINT" -> {
                appender.append((byte) fitting(asNumber(v, declared), Byte.MIN_VALUE, Byte.MAX_VALUE, declared));
                return;
            }
            case "SMALLINT" -> {
                appender.append((short) fitting(asNumber(v, declared), Short.MIN_VALUE, Short.MAX_VALUE, declared));
                return;
            }
            case "FLOAT", "REAL" -> {
                appender.append(asNumber(v, declared).floatValue());
                return;
            }
            default -> {
            }
        }
        String t = portable(portableType);
        switch (t) {
            case "BOOLEAN" -> appender.append((boolean) (v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString())));
            case "INTEGER" -> appender.append(Math.toIntExact(asNumber(v, t).longValue()));
            case "BIGINT" -> appender.append(asNumber(v, t).longValue());
            case "DOUBLE" -> appender.append(asNumber(v, t).doubleValue());
            case "VARCHAR" -> appender.append(v.toString());
            case "DATE" -> appender.append(v instanceof LocalDate d ? d : LocalDate.parse(v.toString()));
            case "TIMESTAMP" -> appender.append(v instanceof LocalDateTime ts ? ts : LocalDateTime.parse(v.toString()));
            default -> {
                int scale = Integer.parseInt(t.substring(t.indexOf(',') + 1, t.length() - 1));
                BigDecimal d = v instanceof BigDecimal bd ? bd : new BigDecimal(v.toString());
                appender.append(d.setScale(scale, RoundingMode.HALF_UP));
            }
        }
    }

    /** The whole number {@code n} when it lies in [min, max]; otherwise the value is named with its type. */
    private static long fitting(Number n, long min, long max, String type) {
        long value = n.longValue();
        if (value != n.doubleValue() || value < min || value > max) {
            throw new IllegalArgumentException(n + " does not fit a " + type + " column (" + min + ".." + max + ")");
        }
        return value;
    }

    private static Number asNumber(Object v, String type) {
        if (v instanceof Number n) return n;
        throw new IllegalArgumentException("expected a number for " + type + " but got " + v.getClass().getSimpleName());
    }
}
