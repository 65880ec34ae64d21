package io.segflow.core.compile;

import io.segflow.core.graph.Dag;
import io.segflow.core.project.Project;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.sql.ColumnOrigin;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The pure result of compile: everything needed to run, with no warehouse touched; {@code segments} by id. */
public record CompiledProject(Project project, CompileOptions options, Dag dag, Map<String, CompiledNode> nodes,
                              Map<String, CompiledSeed> seeds,
                              Map<String, CompiledTest> tests, Map<RelationName, List<ColumnDef>> sources,
                              Map<RelationName, String> sourceIds, Map<String, CompiledSegment> segments) {
    public CompiledProject {
        segments = Map.copyOf(segments);
        nodes = Map.copyOf(nodes);
        seeds = Map.copyOf(seeds);
        tests = Map.copyOf(tests);
        sources = Map.copyOf(sources);
        sourceIds = Map.copyOf(sourceIds);
    }

    /** A project without segments. */
    public CompiledProject(Project project, CompileOptions options, Dag dag, Map<String, CompiledNode> nodes,
                           Map<String, CompiledSeed> seeds, Map<String, CompiledTest> tests,
                           Map<RelationName, List<ColumnDef>> sources, Map<RelationName, String> sourceIds) {
        this(project, options, dag, nodes, seeds, tests, sources, sourceIds, Map.of());
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
        Set<ColumnOrigin> out = new LinkedHashSet<>();
        collect(nodeId, column, out, new LinkedHashSet<>());
        return out;
    }

    private void collect(String nodeId, String column, Set<ColumnOrigin> out, Set<String> seen) {
        if (!seen.add(nodeId + "." + column.toLowerCase(java.util.Locale.ROOT))) return;
        CompiledNode node = nodes.get(nodeId);
        if (node == null) return;
        Set<ColumnOrigin> direct = lineageOf(node, column);
        for (ColumnOrigin o : direct) {
            Optional<CompiledNode> upstream = nodes.values().stream()
                    .filter(n -> n.relation().equals(o.relation())).findFirst();
            if (upstream.isPresent()) collect(upstream.get().id(), o.column(), out, seen);
            else out.add(o);
        }
    }

    private static Set<ColumnOrigin> lineageOf(CompiledNode node, String column) {
        for (Map.Entry<String, Set<ColumnOrigin>> e : node.lineage().entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) return e.getValue();
        }
        return Set.of();
    }
}
