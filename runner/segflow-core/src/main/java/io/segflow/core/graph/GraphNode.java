package io.segflow.core.graph;

import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A node of the project DAG. {@code id} is unique ("feature.orders"); {@code dependsOn} holds ids;
 * {@code dependencyPositions} where a dependency was declared (the {@code ref()} call), when known;
 * {@code testType} is set on {@link NodeKind#TEST} nodes only (null on the others).
 */
public record GraphNode(String id, String name, NodeKind kind, Path path, Set<String> tags, Set<String> dependsOn,
                        SourcePosition position, Map<String, SourcePosition> dependencyPositions, TestType testType) {
    public GraphNode {
        tags = Set.copyOf(tags);
        dependsOn = Set.copyOf(dependsOn);
        dependencyPositions = Map.copyOf(dependencyPositions);
        if (kind == NodeKind.TEST && testType == null) testType = TestType.DATA;
        if (kind != NodeKind.TEST && testType != null) {
            throw new IllegalArgumentException("only test nodes have a test type: " + id);
        }
    }

    public GraphNode(String id, String name, NodeKind kind, Path path, Set<String> tags, Set<String> dependsOn,
                     SourcePosition position, Map<String, SourcePosition> dependencyPositions) {
        this(id, name, kind, path, tags, dependsOn, position, dependencyPositions, null);
    }

    public GraphNode(String id, String name, NodeKind kind, Path path, Set<String> tags, Set<String> dependsOn,
                     SourcePosition position) {
        this(id, name, kind, path, tags, dependsOn, position, Map.of());
    }
}
