package io.segflow.spi;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The only way the engine touches a warehouse. Implementations must make every
 * {@code replace*} and {@code merge*} call atomic: a failure (or a killed process) leaves the
 * previous relation intact and readable.
 */
public interface WarehouseAdapter extends AutoCloseable {
    String type();

    /** How this warehouse spells SQL; the same flavor as its factory's. */
    io.segflow.spi.sql.SqlFlavor flavor();

    default org.apache.calcite.sql.SqlDialect dialect() {
        return flavor().dialect();
    }

    /** The optional features this warehouse offers (none by default). */
    default Set<Capability> capabilities() {
        return Set.of();
    }

    /** Quotes an identifier for this warehouse: as its flavor spells it. */
    default String quote(String identifier) {
        return flavor().quote(identifier);
    }

    /** Renders a relation name, quoted, in this warehouse's syntax. */
    default String render(RelationName name) {
        String prefix = name.database() == null ? "" : quote(name.database()) + ".";
        return prefix + quote(name.schema()) + "." + quote(name.name());
    }

    /** Runs one statement and discards any result. */
    void execute(String sql);

    /** Runs statements as one unit: all or nothing where the warehouse supports transactions. */
    void executeAtomically(List<String> statements);

    /** Streams a query's rows. */
    RowStream query(String sql);

    /** Describes an existing table or view, or empty when it does not exist. */
    Optional<TableInfo> describe(RelationName name);

    /** Lists relations in a schema (empty when the schema is missing). */
    List<TableInfo> listRelations(String schema);

    void createSchemaIfMissing(String schema);

    /** Atomically replaces (or creates) {@code target} as a table holding {@code selectSql}'s rows. */
    void replaceTable(RelationName target, String selectSql);

    /**
     * {@link #replaceTable} returning the number of rows written when the warehouse reports it with the statement
     * (DuckDB does for CREATE TABLE AS), or -1 when it does not: the caller then counts if it needs the number.
     */
    default long replaceTableReportingRows(RelationName target, String selectSql) {
        replaceTable(target, selectSql);
        return -1;
    }

    /** Atomically replaces (or creates) {@code target} as a view over {@code selectSql}. */
    void replaceView(RelationName target, String selectSql);

    /**
     * Atomically merges {@code selectSql}'s rows into {@code target} on {@code uniqueKey}: matching rows
     * are updated, others inserted. Creates the table when missing.
     */
    void mergeInto(RelationName target, String selectSql, List<String> uniqueKey);

    /**
     * Bulk-loads rows into a new or existing table (created with {@code columns} when missing).
     * Uses the warehouse's fast path (Appender / load job), never row-by-row inserts.
     * Returns the number of rows written.
     */
    long bulkLoad(RelationName target, List<ColumnDef> columns, Iterator<Object[]> rows, boolean replace);

    /**
     * Bytes {@code sql} would scan, from a dry run that reads no data (adapters with {@link Capability#DRY_RUN});
     * empty when the warehouse cannot estimate.
     */
    default java.util.OptionalLong estimateBytes(String sql) {
        return java.util.OptionalLong.empty();
    }

    /** Drops a table or view if it exists. */
    void dropIfExists(RelationName name);

    /**
     * Drops a schema and everything in it, if it exists (segflow's own temporary schemas, e.g. training rebuilds).
     * The default is the statement DuckDB, Snowflake and BigQuery all accept.
     */
    default void dropSchemaIfExists(String schema) {
        execute("drop schema if exists " + quote(schema) + " cascade");
    }

    @Override
    void close();
}
