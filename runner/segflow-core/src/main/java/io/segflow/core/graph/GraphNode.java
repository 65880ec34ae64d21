package io.segflow.core.graph;

import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.Set;

/** A node of the project DAG. {@code id} is unique ("feature.orders"); {@code dependsOn} holds ids. */
public record GraphNode(String id, String name, NodeKind kind, Path path, Set<String> tags, Set<String> dependsOn,
                        SourcePosition position) {
    public GraphNode {
        tags = Set.copyOf(tags);
        dependsOn = Set.copyOf(dependsOn);
    }
}
