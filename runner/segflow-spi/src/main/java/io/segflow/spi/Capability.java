package io.segflow.spi;

/**
 * Optional features the engine asks an adapter about before choosing a strategy. Only features with a real choice
 * behind them are listed: MERGE, bulk load and atomic replacement are required of every adapter (see
 * {@link WarehouseAdapter}), transactions are the adapter's business inside
 * {@link WarehouseAdapter#executeAtomically}, and QUALIFY and sampling are spelled by the warehouse's
 * {@link io.segflow.spi.sql.SqlFlavor}.
 */
public enum Capability {
    /** Cost estimate without running a query ({@link WarehouseAdapter#estimateBytes}); {@code compile --estimate}. */
    DRY_RUN
}
