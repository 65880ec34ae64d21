package io.segflow.bigquery;

import io.segflow.spi.sql.SqlFlavor;
import io.segflow.spi.sql.ValidatedTypes;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;

/** How BigQuery (GoogleSQL) spells segflow's SQL: see {@link BigQueryRewriter}. */
public final class BigQueryFlavor implements SqlFlavor {
    public static final BigQueryFlavor INSTANCE = new BigQueryFlavor();

    private BigQueryFlavor() {
    }

    @Override
    public SqlDialect dialect() {
        return BigQuerySqlDialect.DEFAULT;
    }

    @Override
    public SqlDialect unparseDialect() {
        return BigQueryUnparseDialect.INSTANCE;
    }

    @Override
    public SqlNode translate(SqlNode neutral, ValidatedTypes types) {
        return new BigQueryRewriter(types).rewrite(neutral);
    }

    /** BigQuery's md5 returns bytes. */
    @Override
    public String md5Hex(String textExpr) {
        return "to_hex(md5(" + textExpr + "))";
    }

    @Override
    public String stringType() {
        return "string";
    }

    @Override
    public String float64Type() {
        return "float64";
    }

    @Override
    public String int64Type() {
        return "int64";
    }

    @Override
    public String booleanType() {
        return "bool";
    }

    /** Backslashes are escapes and there is no {@code ''}. */
    @Override
    public String stringLiteral(String value) {
        return "'" + (value == null ? "" : value).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
                .replace("\r", "\\r") + "'";
    }

    @Override
    public String seededHash(String key, long seed) {
        return "FARM_FINGERPRINT(CONCAT(CAST(" + key + " AS STRING), ':" + seed + "'))";
    }

    /** MD5 returns BYTES; a '0x' string casts to INT64. */
    @Override
    public String hashBucket(String salt, String key, int buckets) {
        return "MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(CONCAT(" + stringLiteral(salt + ":") + ", CAST(" + key
                + " AS STRING)))), 1, 8)) AS INT64), " + buckets + ")";
    }

    @Override
    public String toDouble(String expr) {
        return "CAST(" + expr + " AS FLOAT64)";
    }

    @Override
    public String nanToNull(String doubleExpr) {
        return "IF(IS_NAN(" + doubleExpr + "), NULL, " + doubleExpr + ")";
    }

    /** BigQuery has no exact median aggregate. */
    @Override
    public String median(String expr) {
        return "APPROX_QUANTILES(" + expr + ", 2)[OFFSET(1)]";
    }

    @Override
    public String daysBetween(String from, String to) {
        return "DATE_DIFF(" + to + ", " + from + ", DAY)";
    }

    @Override
    public String sha256Hex(String textExpr) {
        return "TO_HEX(SHA256(" + textExpr + "))";
    }
}
