package io.segflow.core.render;

import io.segflow.spi.RelationName;
import java.util.Optional;

/** Resolves {@code ref()} and {@code source()} calls to warehouse relations (empty when unknown). */
public interface RelationResolver {
    Optional<RelationName> ref(String featureName);

    Optional<RelationName> source(String source, String table);
}
