package io.segflow.spi;

/** Found with {@link java.util.ServiceLoader}; one per warehouse type ("duckdb", "snowflake", "bigquery"). */
public interface WarehouseAdapterFactory {
    /** The {@code type:} value in profiles.yml this factory serves. */
    String type();

    /** The SQL dialect compile() targets for this warehouse; available without connecting. */
    org.apache.calcite.sql.SqlDialect dialect();

    /** Opens a connection. Throws {@link WarehouseException} with a secret-free message on failure. */
    WarehouseAdapter open(TargetConfig config);

    /**
     * Opens a connection for a command that only reads (ls, report). A warehouse whose readers can lock each other
     * out (an embedded database file) opens in its read-only mode; others open as usual.
     */
    default WarehouseAdapter openReadOnly(TargetConfig config) {
        return open(config);
    }
}
