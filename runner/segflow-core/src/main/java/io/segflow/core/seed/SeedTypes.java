package io.segflow.core.seed;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column types a seed may declare, as segflow's portable type names (BOOLEAN, INTEGER, BIGINT, DOUBLE,
 * DECIMAL(p,s), VARCHAR, DATE, TIMESTAMP) that every warehouse adapter loads. Common spellings are accepted
 * (TINYINT, SMALLINT and INT load as INTEGER, REAL and FLOAT as DOUBLE, NUMERIC as DECIMAL, TEXT and VARCHAR(n) as
 * VARCHAR, DATETIME as TIMESTAMP); anything else is refused before a warehouse sees it.
 */
public final class SeedTypes {
    public static final String ACCEPTED = "BIGINT, INTEGER, DOUBLE, DECIMAL(p,s), VARCHAR, DATE, TIMESTAMP, BOOLEAN";
    private static final Pattern DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC)\\s*(?:\\(\\s*(\\d{1,2})\\s*(?:,\\s*(\\d{1,2})\\s*)?\\))?");
    private static final Pattern VARCHAR = Pattern.compile("(?:VARCHAR|CHAR|CHARACTER VARYING|STRING|TEXT)\\s*(?:\\(\\s*\\d+\\s*\\))?");

    private SeedTypes() {
    }

    /** The portable name of a declared type, or null when segflow cannot load it. */
    public static String portable(String declared) {
        String t = declared.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        Matcher d = DECIMAL.matcher(t);
        if (d.matches()) {
            // DECIMAL alone is DuckDB's DECIMAL(18,3)
            int precision = d.group(1) == null ? 18 : Integer.parseInt(d.group(1));
            int scale = d.group(1) == null ? 3 : d.group(2) == null ? 0 : Integer.parseInt(d.group(2));
            return precision >= 1 && precision <= 38 && scale <= precision ? "DECIMAL(" + precision + "," + scale + ")" : null;
        }
        if (VARCHAR.matcher(t).matches()) return "VARCHAR";
        return switch (t) {
            case "BIGINT", "INT8", "LONG" -> "BIGINT";
            case "INTEGER", "INT", "INT4", "SMALLINT", "INT2", "TINYINT", "INT1" -> "INTEGER";
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8", "REAL", "FLOAT4" -> "DOUBLE";
            case "BOOLEAN", "BOOL" -> "BOOLEAN";
            case "DATE" -> "DATE";
            case "TIMESTAMP", "DATETIME" -> "TIMESTAMP";
            default -> null;
        };
    }
}
