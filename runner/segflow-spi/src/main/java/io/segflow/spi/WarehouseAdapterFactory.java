package io.segflow.spi;

/**
 * Found with {@link java.util.ServiceLoader}; one per warehouse type. A warehouse is one module holding its factory,
 * its adapter and its {@link io.segflow.spi.sql.SqlFlavor}; the engine never names a warehouse.
 */
public interface WarehouseAdapterFactory {
    /** The {@code type:} value in profiles.yml this factory serves. */
    String type();

    /** How this warehouse spells SQL; available without connecting (compile needs no connection). */
    io.segflow.spi.sql.SqlFlavor flavor();

    /** The SQL dialect compile() targets for this warehouse. */
    default org.apache.calcite.sql.SqlDialect dialect() {
        return flavor().dialect();
    }

    /**
     * Settings of a throw-away in-process warehouse of this type for running segment fixtures
     * ({@code expected_members} tests), or empty when this warehouse cannot run in process.
     */
    default java.util.Optional<java.util.Map<String, Object>> inProcessSettings() {
        return java.util.Optional.empty();
    }

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
