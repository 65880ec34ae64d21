package io.segflow.duckdb;

import io.segflow.spi.sql.SqlFlavor;
import java.time.Instant;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;

/** DuckDB speaks segflow's neutral SQL, so its flavor is the defaults plus DuckDB's own timestamp default. */
public final class DuckDbFlavor implements SqlFlavor {
    public static final DuckDbFlavor INSTANCE = new DuckDbFlavor();

    private DuckDbFlavor() {
    }

    @Override
    public SqlDialect dialect() {
        return DuckDBSqlDialect.DEFAULT;
    }

    /** Kept from the DuckDB-only membership tables (a TIMESTAMP WITH TIME ZONE column that existing stores have). */
    @Override
    public String membershipUpdatedAtTemplate() {
        return "current_timestamp";
    }

    /** The value an insert of the timestamp literal into that column stores (cast in the session's time zone). */
    @Override
    public String membershipUpdatedAtValue(Instant at) {
        return "cast(" + timestampLiteral(at) + " as timestamp with time zone)";
    }

    /** DuckDB's catalog is transactional: a rename or create commits or rolls back with the rest. */
    @Override
    public boolean transactionalDdl() {
        return true;
    }
}
