package io.segflow.duckdb;

import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.testkit.BaseWarehouseAdapterTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Runs the adapter contract against a DuckDB file. */
class DuckDbAdapterContractTest extends BaseWarehouseAdapterTest {
    @TempDir
    static Path dir;

    @Override
    protected WarehouseAdapter newAdapter() {
        return new DuckDbAdapterFactory().open(new TargetConfig("test", "duckdb",
                Map.of("path", "db/contract.duckdb", "threads", 2), dir));
    }
}
