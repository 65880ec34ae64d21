package io.segflow.ml.pull;

/**
 * The few SQL fragments a feature pull needs that differ between warehouses. Only {@link #DUCKDB} is executed in
 * tests; the others follow the vendors' documented functions.
 */
public enum SamplingDialect {
    /** DuckDB: {@code hash()} returns UBIGINT; NaN is a value that sorts last, so it is mapped to NULL explicitly. */
    DUCKDB {
        @Override
        public String seededHash(String key, long seed) {
            return "hash(CAST(" + key + " AS VARCHAR) || '" + suffix(seed) + "')";
        }

        @Override
        public String toDouble(String expr) {
            return "CAST(" + expr + " AS DOUBLE)";
        }

        @Override
        public String nanToNull(String doubleExpr) {
            return "CASE WHEN isnan(" + doubleExpr + ") THEN NULL ELSE " + doubleExpr + " END";
        }

        @Override
        public String median(String expr) {
            return "MEDIAN(" + expr + ")";
        }
    },
    /** Snowflake: {@code HASH()} returns a signed 64-bit integer; FLOAT is 64-bit. */
    SNOWFLAKE {
        @Override
        public String seededHash(String key, long seed) {
            return "HASH(TO_VARCHAR(" + key + ") || '" + suffix(seed) + "')";
        }

        @Override
        public String toDouble(String expr) {
            return "CAST(" + expr + " AS DOUBLE)";
        }

        @Override
        public String nanToNull(String doubleExpr) {
            return "NULLIF(" + doubleExpr + ", 'NaN'::FLOAT)";
        }

        @Override
        public String median(String expr) {
            return "MEDIAN(" + expr + ")";
        }
    },
    /** BigQuery: {@code FARM_FINGERPRINT} of the key as a string; medians are approximate. */
    BIGQUERY {
        @Override
        public String seededHash(String key, long seed) {
            return "FARM_FINGERPRINT(CONCAT(CAST(" + key + " AS STRING), '" + suffix(seed) + "'))";
        }

        @Override
        public String toDouble(String expr) {
            return "CAST(" + expr + " AS FLOAT64)";
        }

        @Override
        public String nanToNull(String doubleExpr) {
            return "IF(IS_NAN(" + doubleExpr + "), NULL, " + doubleExpr + ")";
        }

        @Override
        public String median(String expr) {
            return "APPROX_QUANTILES(" + expr + ", 2)[OFFSET(1)]";
        }
    };

    /** A deterministic 64-bit hash of the entity key mixed with the seed; ordering by it gives a seeded sample. */
    public abstract String seededHash(String key, long seed);

    /** Casts a numeric or boolean expression to a 64-bit float. */
    public abstract String toDouble(String expr);

    /** Maps NaN to NULL so that NaN follows the feature's NULL policy. */
    public abstract String nanToNull(String doubleExpr);

    /** Median aggregate. */
    public abstract String median(String expr);

    /** The dialect for a warehouse type name ("duckdb", "snowflake", "bigquery"). */
    public static SamplingDialect forType(String type) {
        return switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "duckdb" -> DUCKDB;
            case "snowflake" -> SNOWFLAKE;
            case "bigquery" -> BIGQUERY;
            default -> throw new IllegalArgumentException("no sampling dialect for warehouse type " + type);
        };
    }

    private static String suffix(long seed) {
        return ":" + seed;
    }
}
