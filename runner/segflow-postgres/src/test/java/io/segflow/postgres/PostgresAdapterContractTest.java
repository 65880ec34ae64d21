package io.segflow.postgres;

import io.segflow.spi.WarehouseAdapter;
import io.segflow.testkit.BaseWarehouseAdapterTest;

/** The shared contract against a live PostgreSQL server (see {@link LivePostgres}). */
class PostgresAdapterContractTest extends BaseWarehouseAdapterTest {
    @Override
    protected WarehouseAdapter newAdapter() {
        return new PostgresAdapterFactory().open(LivePostgres.target("contract", null));
    }

    @Override
    protected String castSql(String literal, String portableType) {
        return "CAST(" + literal + " AS " + PostgresTypes.ddl(portableType) + ")";
    }

    @Override
    protected String rangeSql(long count) {
        return "SELECT CAST(g AS bigint) AS n FROM generate_series(0, " + (count - 1) + ") AS g";
    }
}
