package io.segflow.core.render;

/** A {@code source('source', 'table')} call found while rendering. */
public record SourceRef(String source, String table) {
}
