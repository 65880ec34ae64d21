package io.segflow.core.sql;

import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataHandlerProvider;
import org.apache.calcite.rel.metadata.ProxyingMetadataHandlerProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Metadata queries answered through reflection proxies instead of Calcite's default Janino-generated handlers:
 * generating and compiling those handlers costs about half a second of every short {@code segflow compile}, far
 * more than the few column-origin questions lineage asks.
 */
final class ReflectiveMetadata {
    private static final MetadataHandlerProvider HANDLERS =
            new ProxyingMetadataHandlerProvider(DefaultRelMetadataProvider.INSTANCE);

    private ReflectiveMetadata() {
    }

    static RelMetadataQuery query() {
        return new RelMetadataQuery(HANDLERS);
    }
}
