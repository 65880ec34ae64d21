package io.segflow.core.compile;

import io.segflow.core.graph.Dag;
import io.segflow.core.project.Project;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.sql.ColumnOrigin;
import io.segflow.core.state.NodeState;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The pure result of compile for one target: everything needed to run, with no warehouse touched;
 * {@code segments} by id; {@code states} gives what {@code --state} compares, per DAG node id (computed on first use:
 * most compiles never write a manifest or compare with a state). Several targets compiled from one validation share one {@link LineageGraph}.
 */
public record CompiledProject(Project project, CompileOptions options, Dag dag, Map<String, CompiledNode> nodes,
                              Map<String, CompiledSeed> seeds,
                              Map<String, CompiledTest> tests, Map<RelationName, List<ColumnDef>> sources,
                              Map<RelationName, String> sourceIds, Map<String, CompiledSegment> segments,
                              LineageGraph lineage, Supplier<Map<String, NodeState>> states) {
    public CompiledProject {
        segments = Map.copyOf(segments);
        nodes = Map.copyOf(nodes);
        seeds = Map.copyOf(seeds);
        tests = Map.copyOf(tests);
        sources = Map.copyOf(sources);
        sourceIds = Map.copyOf(sourceIds);
    }

    /** What {@code --state} compares, per DAG node id. */
    public Map<String, NodeState> state() {
        return states.get();
    }

    public Optional<CompiledNode> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public Optional<CompiledNode> nodeByName(String name) {
        return nodes.values().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /**
     * Column lineage followed to the raw sources: each base column of {@code node.column}, walking
     * through upstream features until source columns are reached.
     */
    public Set<ColumnOrigin> sourceLineage(String nodeId, String column) {
        CompiledNode node = nodes.get(nodeId);
        return node == null ? Set.of() : lineage.sources(node.relation(), column);
    }
}
