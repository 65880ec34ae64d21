package io.segflow.core.sql;

import io.segflow.spi.RelationName;

/** A base column of a catalog relation that an output column is computed from. */
public record ColumnOrigin(RelationName relation, String column) {
}
