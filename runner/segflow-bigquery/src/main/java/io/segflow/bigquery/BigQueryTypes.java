package io.segflow.bigquery;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.StandardSQLTypeName;
import java.util.Locale;

/** BigQuery column types to portable type names and back. */
final class BigQueryTypes {
    private BigQueryTypes() {
    }

    static String portable(Field f) {
        StandardSQLTypeName t = f.getType().getStandardType();
        return switch (t) {
            case INT64 -> "BIGINT";
            case FLOAT64 -> "DOUBLE";
            case NUMERIC, BIGNUMERIC -> f.getPrecision() != null
                    ? "DECIMAL(" + f.getPrecision() + "," + (f.getScale() == null ? 0 : f.getScale()) + ")"
                    : t == StandardSQLTypeName.NUMERIC ? "DECIMAL(38,9)" : "DECIMAL(76,38)";
            case STRING -> "VARCHAR";
            case BOOL -> "BOOLEAN";
            case DATE -> "DATE";
            case DATETIME, TIMESTAMP -> "TIMESTAMP";
            case TIME -> "TIME";
            default -> t.name();
        };
    }

    /** DDL type for a portable name. */
    static String ddl(String portable) {
        String p = portable.toUpperCase(Locale.ROOT).trim();
        if (p.startsWith("DECIMAL") || p.startsWith("NUMERIC")) return p.replace("DECIMAL", "NUMERIC");
        return switch (p) {
            case "BOOLEAN" -> "BOOL";
            case "INTEGER", "BIGINT", "SMALLINT", "TINYINT" -> "INT64";
            case "DOUBLE", "FLOAT", "REAL" -> "FLOAT64";
            case "VARCHAR", "TEXT", "STRING" -> "STRING";
            default -> p;
        };
    }
}
