package io.segflow.spi;

/** Optional features an adapter may offer; the engine chooses strategies by them. */
public enum Capability {
    /** Multi-statement transactions with rollback. */
    TRANSACTIONS,
    /** MERGE INTO ... USING ... */
    MERGE,
    /** Fast bulk load of rows from the JVM (e.g. DuckDB Appender, Storage Write API). */
    BULK_LOAD,
    /** QUALIFY clause in SELECT. */
    QUALIFY,
    /** Cost estimate without running a query. */
    DRY_RUN,
    /** Sampling pushed down as SQL (TABLESAMPLE / USING SAMPLE). */
    SAMPLING
}
