package io.segflow.spi;

import java.util.Objects;

/**
 * A column with a portable type name. Type names are upper-case SQL standard names:
 * BOOLEAN, INTEGER, BIGINT, DOUBLE, DECIMAL(p,s), VARCHAR, DATE, TIMESTAMP.
 */
public record ColumnDef(String name, String type, boolean nullable) {
    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static ColumnDef of(String name, String type) {
        return new ColumnDef(name, type, true);
    }
}
