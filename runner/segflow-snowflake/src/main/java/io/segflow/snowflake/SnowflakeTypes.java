package io.segflow.snowflake;

import java.util.Locale;

/** Snowflake information_schema types to portable type names. */
final class SnowflakeTypes {
    private SnowflakeTypes() {
    }

    static String portable(String dataType, int precision, int scale) {
        String t = dataType.toUpperCase(Locale.ROOT);
        return switch (t) {
            case "NUMBER", "DECIMAL", "NUMERIC" -> scale == 0 && precision >= 19 ? "BIGINT"
                    : scale == 0 && precision <= 10 && precision > 0 ? "INTEGER" : "DECIMAL(" + precision + "," + scale + ")";
            case "FLOAT", "DOUBLE", "REAL" -> "DOUBLE";
            case "TEXT", "VARCHAR", "STRING" -> "VARCHAR";
            case "BOOLEAN" -> "BOOLEAN";
            case "DATE" -> "DATE";
            case "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ", "TIMESTAMP" -> "TIMESTAMP";
            case "TIME" -> "TIME";
            default -> t;
        };
    }

    /**
     * DDL type of a portable name. INTEGER and BIGINT keep distinct precisions (Snowflake's own INTEGER is
     * NUMBER(38,0)) so they read back as the portable type they were written as.
     */
    static String ddl(String portable) {
        String p = portable.toUpperCase(Locale.ROOT).trim();
        if (p.startsWith("DECIMAL") || p.startsWith("NUMERIC")) return p.replaceFirst("^(DECIMAL|NUMERIC)", "NUMBER");
        return switch (p) {
            case "INTEGER", "INT", "SMALLINT", "TINYINT" -> "NUMBER(10,0)";
            case "BIGINT" -> "NUMBER(19,0)";
            case "DOUBLE", "FLOAT", "REAL" -> "FLOAT";
            case "TIMESTAMP" -> "TIMESTAMP_NTZ";
            default -> p;
        };
    }
}
