package io.segflow.audience.export;

import io.segflow.spi.RelationName;

/**
 * The warehouse layout other tools sync, in schema {@code audiences} (docs/audiences.md): {@code audiences} (one row
 * per audience), {@code memberships} (a view: every membership with its entered and exited time) and
 * {@code export_cursors} (one row per export written: what it covered up to).
 */
public final class ActivationTables {
    public static final String SCHEMA = "audiences";

    private ActivationTables() {
    }

    public static RelationName audiences() {
        return RelationName.of(SCHEMA, "audiences");
    }

    public static RelationName memberships() {
        return RelationName.of(SCHEMA, "memberships");
    }

    public static RelationName cursors() {
        return RelationName.of(SCHEMA, "export_cursors");
    }
}
