package io.segflow.spi;

import java.util.Objects;

/** A fully qualified warehouse relation. {@code database} may be null (current database). */
public record RelationName(String database, String schema, String name) {
    public RelationName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public static RelationName of(String schema, String name) {
        return new RelationName(null, schema, name);
    }

    /** Same relation with a different name in the same schema (for staging/backup tables). */
    public RelationName withName(String newName) {
        return new RelationName(database, schema, newName);
    }

    @Override
    public String toString() {
        return (database == null ? "" : database + ".") + schema + "." + name;
    }
}
