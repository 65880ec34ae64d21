package io.segflow.spi.sql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;

/**
 * Everything the engine needs to know about how one warehouse spells SQL, available without a connection: how
 * compiled SQL is translated and unparsed, identifier quoting, type names and literals of the statements segflow
 * writes by hand (membership store, segment tests, reports), and the fragments feature pulls and model steps use.
 * A warehouse module provides one through {@link io.segflow.spi.WarehouseAdapterFactory#flavor()}.
 *
 * <p>The defaults are segflow's neutral spelling (the DuckDB-flavoured SQL users write); a warehouse overrides
 * only what differs, as dbt's default macro variants and SQLMesh's base engine adapter do.
 */
public interface SqlFlavor {
    /** The Calcite dialect compile targets for this warehouse; the engine finds the flavor by it. */
    SqlDialect dialect();

    /** The dialect translated trees are unparsed with (e.g. with this warehouse's identifier-quoting rule). */
    default SqlDialect unparseDialect() {
        return dialect();
    }

    /** The neutral parse tree in this warehouse's functions and syntax: a new tree, the input is not changed. */
    default SqlNode translate(SqlNode neutral, ValidatedTypes types) {
        return neutral;
    }

    /** Quotes an identifier as compiled SQL does (adapters may add defaults such as a project). */
    default String quote(String identifier) {
        return unparseDialect().quoteIdentifier(identifier);
    }

    /** A column name as this warehouse's catalog reports it, back in the spelling users write in segflow. */
    default String catalogName(String reported) {
        return reported;
    }

    // ---- type names and literals of hand-written statements ------------------------------------------------

    /** Variable-length text. */
    default String stringType() {
        return "varchar";
    }

    /** 64-bit floating point. */
    default String float64Type() {
        return "double";
    }

    default String int64Type() {
        return "bigint";
    }

    default String booleanType() {
        return "boolean";
    }

    /** A time without zone; segflow always writes UTC. */
    default String timestampType() {
        return "timestamp";
    }

    /** A SQL string literal of {@code value} (null is the empty string). */
    default String stringLiteral(String value) {
        return "'" + (value == null ? "" : value).replace("'", "''") + "'";
    }

    /** A timestamp literal of {@code instant} in UTC, to the microsecond. */
    default String timestampLiteral(Instant instant) {
        return "timestamp '" + utcText(instant) + "'";
    }

    /** The md5 digest of a text expression as 32 lowercase hex characters (dbt's snapshot {@code dbt_scd_id}). */
    default String md5Hex(String textExpr) {
        return "md5(" + textExpr + ")";
    }

    /** The {@code updated_at} column's expression when the membership table is created from the staging table. */
    default String membershipUpdatedAtTemplate() {
        return "cast(null as " + timestampType() + ")";
    }

    /** {@code at} as a value of the {@code updated_at} column {@link #membershipUpdatedAtTemplate} types. */
    default String membershipUpdatedAtValue(Instant at) {
        return timestampLiteral(at);
    }

    /**
     * Whether DDL (create, rename) can run inside a transaction with DML and roll back with it. Where it can, the
     * membership store publishes a first run by renaming its staging table inside the publish transaction.
     */
    default boolean transactionalDdl() {
        return false;
    }

    /**
     * Drops table {@code relation} (rendered) together with views that would keep it from being dropped (the
     * membership store replaces a table with a view of the same name; segflow refreshes the views it builds on it).
     * The default suits warehouses whose views do not hold their tables.
     */
    default String dropTableWithDependents(String relation) {
        return "drop table " + relation;
    }

    // ---- fragments of feature pulls and model steps ---------------------------------------------------------

    /** A deterministic 64-bit hash of the entity key mixed with the seed; ordering by it gives a seeded sample. */
    default String seededHash(String key, long seed) {
        return "hash(CAST(" + key + " AS VARCHAR) || ':" + seed + "')";
    }

    /**
     * The experiment bucket of {@code key}: the first 8 hex digits of md5({@code salt} || ':' || key as text) read as
     * an unsigned 32-bit integer, modulo {@code buckets}. Every warehouse must give the same bucket for the same
     * salt and key text (experiment arms are assigned from it and compared across warehouses).
     */
    default String hashBucket(String salt, String key, int buckets) {
        return "(CAST(('0x' || substr(md5(" + stringLiteral(salt + ":") + " || CAST(" + key + " AS VARCHAR)), 1, 8))"
                + " AS BIGINT) % " + buckets + ")";
    }

    /** Casts a numeric or boolean expression to a 64-bit float. */
    default String toDouble(String expr) {
        return "CAST(" + expr + " AS DOUBLE)";
    }

    /** Maps NaN to NULL so that NaN follows a feature's NULL policy. */
    default String nanToNull(String doubleExpr) {
        return "CASE WHEN isnan(" + doubleExpr + ") THEN NULL ELSE " + doubleExpr + " END";
    }

    /** Median aggregate. */
    default String median(String expr) {
        return "MEDIAN(" + expr + ")";
    }

    /** Whole days from date {@code from} to date {@code to}. */
    default String daysBetween(String from, String to) {
        return "date_diff('day', " + from + ", " + to + ")";
    }

    /** {@code instant} as {@code yyyy-MM-dd HH:mm:ss.SSSSSS} in UTC, for timestamp literals. */
    static String utcText(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC)
                .format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    // ---- fragments of audience exports ----------------------------------------------------------------------

    /** Lower-case hex SHA-256 of the UTF-8 bytes of a text expression (NULL stays NULL); ad platforms match on it. */
    default String sha256Hex(String textExpr) {
        return "sha256(" + textExpr + ")";
    }
}
