package io.segflow.snowflake;

import io.segflow.spi.sql.SqlFlavor;
import io.segflow.spi.sql.ValidatedTypes;
import java.time.Instant;
import java.util.Locale;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;

/** How Snowflake spells segflow's SQL: see {@link SnowflakeRewriter} and {@link SnowflakeUnparseDialect}. */
public final class SnowflakeFlavor implements SqlFlavor {
    public static final SnowflakeFlavor INSTANCE = new SnowflakeFlavor();

    private SnowflakeFlavor() {
    }

    @Override
    public SqlDialect dialect() {
        return SnowflakeSqlDialect.DEFAULT;
    }

    @Override
    public SqlDialect unparseDialect() {
        return SnowflakeUnparseDialect.INSTANCE;
    }

    @Override
    public SqlNode translate(SqlNode neutral, ValidatedTypes types) {
        return new SnowflakeRewriter(types).rewrite(neutral);
    }

    /** Snowflake reports unquoted names upper-cased; segflow writes them as the user would (lower case). */
    @Override
    public String catalogName(String reported) {
        return reported.equals(reported.toUpperCase(Locale.ROOT)) ? reported.toLowerCase(Locale.ROOT) : reported;
    }

    /** TIMESTAMP_NTZ whatever the account's TIMESTAMP_TYPE_MAPPING. */
    @Override
    public String timestampType() {
        return "timestamp_ntz";
    }

    /** Snowflake reads backslashes in literals as escapes. */
    @Override
    public String stringLiteral(String value) {
        return "'" + (value == null ? "" : value).replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public String timestampLiteral(Instant instant) {
        return "cast('" + SqlFlavor.utcText(instant) + "' as timestamp_ntz)";
    }

    /** {@code HASH()} returns a signed 64-bit integer. */
    @Override
    public String seededHash(String key, long seed) {
        return "HASH(TO_VARCHAR(" + key + ") || ':" + seed + "')";
    }

    /** MD5 gives lowercase hex; TO_NUMBER reads hex with an X format model. */
    @Override
    public String hashBucket(String salt, String key, int buckets) {
        return "MOD(TO_NUMBER(UPPER(SUBSTR(MD5(" + stringLiteral(salt + ":") + " || TO_VARCHAR(" + key + ")), 1, 8)),"
                + " 'XXXXXXXX'), " + buckets + ")";
    }

    @Override
    public String nanToNull(String doubleExpr) {
        return "NULLIF(" + doubleExpr + ", 'NaN'::FLOAT)";
    }

    @Override
    public String daysBetween(String from, String to) {
        return "DATEDIFF('day', " + from + ", " + to + ")";
    }

    @Override
    public String sha256Hex(String textExpr) {
        return "SHA2(" + textExpr + ", 256)";
    }
}
