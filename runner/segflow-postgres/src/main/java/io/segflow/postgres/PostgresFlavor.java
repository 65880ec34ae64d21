package io.segflow.postgres;

import io.segflow.spi.sql.SqlFlavor;
import io.segflow.spi.sql.ValidatedTypes;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;

/** How PostgreSQL spells segflow's SQL: see {@link PostgresRewriter}. */
public final class PostgresFlavor implements SqlFlavor {
    public static final PostgresFlavor INSTANCE = new PostgresFlavor();

    private PostgresFlavor() {
    }

    @Override
    public SqlDialect dialect() {
        return PostgresqlSqlDialect.DEFAULT;
    }

    @Override
    public SqlNode translate(SqlNode neutral, ValidatedTypes types) {
        return new PostgresRewriter(types).rewrite(neutral);
    }

    @Override
    public String float64Type() {
        return "double precision";
    }

    /** A view on a table keeps it from being dropped here, unless the drop cascades to the view. */
    @Override
    public String dropTableWithDependents(String relation) {
        return "drop table " + relation + " cascade";
    }

    @Override
    public String stringType() {
        return "text";
    }

    /** The first 64 bits of an MD5 digest, as a signed bigint: the same order on every server and version. */
    @Override
    public String seededHash(String key, long seed) {
        return "('x' || substr(md5(CAST(" + key + " AS text) || ':" + seed + "'), 1, 16))::bit(64)::bigint";
    }

    /** 32 bits cast to bigint are read unsigned. */
    @Override
    public String hashBucket(String salt, String key, int buckets) {
        return "MOD(CAST(CAST('x' || substr(md5(" + stringLiteral(salt + ":") + " || CAST(" + key + " AS text)), 1, 8)"
                + " AS bit(32)) AS bigint), " + buckets + ")";
    }

    @Override
    public String toDouble(String expr) {
        return "CAST(" + expr + " AS double precision)";
    }

    /** PostgreSQL orders NaN as equal to itself, so NULLIF finds it. */
    @Override
    public String nanToNull(String doubleExpr) {
        return "NULLIF(" + doubleExpr + ", 'NaN'::double precision)";
    }

    @Override
    public String median(String expr) {
        return "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + expr + ")";
    }

    /** Date minus date is a whole number of days. */
    @Override
    public String daysBetween(String from, String to) {
        return "(CAST(" + to + " AS date) - CAST(" + from + " AS date))";
    }

    @Override
    public String sha256Hex(String textExpr) {
        return "encode(sha256(convert_to(" + textExpr + ", 'UTF8')), 'hex')";
    }
}
