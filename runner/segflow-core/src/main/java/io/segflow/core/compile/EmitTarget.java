package io.segflow.core.compile;

import org.apache.calcite.sql.SqlDialect;

/** One target SQL is emitted for: its profile name, warehouse type and dialect. */
public record EmitTarget(String name, String type, SqlDialect dialect) {
    /** A key naming the dialect in the compile cache. */
    public String dialectKey() {
        return dialect.getClass().getName();
    }
}
