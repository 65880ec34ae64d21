package io.segflow.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DagTest {
    static GraphNode feature(String name, String... deps) {
        Set<String> d = Set.of(java.util.Arrays.stream(deps).map(x -> x.contains(".") ? x : "feature." + x)
                .toArray(String[]::new));
        return new GraphNode("feature." + name, name, NodeKind.FEATURE, Path.of("features/" + name + ".sql"),
                Set.of(), d, null);
    }

    @Test
    void topologicalOrderPutsParentsFirstAndIsDeterministic() {
        Dag dag = Dag.of(List.of(feature("c", "a", "b"), feature("b", "a"), feature("a"), feature("d")));
        List<String> order = dag.topologicalOrder().stream().map(GraphNode::name).toList();
        assertEquals(List.of("a", "b", "c", "d"), order);
        assertEquals(Set.of("feature.a", "feature.b"), dag.ancestors("feature.c"));
        assertEquals(Set.of("feature.b", "feature.c"), dag.descendants("feature.a"));
    }

    @Test
    void cycleErrorPointsAtTheRefClosingTheLoop() {
        SourcePosition refB = new SourcePosition(Path.of("features/a.sql"), 3, 12);
        GraphNode a = new GraphNode("feature.a", "a", NodeKind.FEATURE, Path.of("features/a.sql"), Set.of(),
                Set.of("feature.b"), new SourcePosition(Path.of("features/a.sql"), 1, 1), Map.of("feature.b", refB));
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> Dag.of(List.of(a, feature("b", "a"))));
        assertEquals("dependency cycle: feature.a -> feature.b -> feature.a", e.diagnostics().get(0).message());
        assertEquals(refB, e.diagnostics().get(0).position());
    }

    @Test
    void cycleErrorNamesEveryNodeOfTheCycle() {
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> Dag.of(List.of(
                feature("a", "c"), feature("b", "a"), feature("c", "b"), feature("x", "a"))));
        assertEquals(ErrorCode.CYCLE, e.diagnostics().get(0).code());
        String msg = e.diagnostics().get(0).message();
        assertEquals("dependency cycle: feature.a -> feature.b -> feature.c -> feature.a", msg);
    }

    @Test
    void selfReferenceIsACycle() {
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> Dag.of(List.of(feature("a", "a"))));
        assertTrue(e.getMessage().contains("feature.a -> feature.a"), e.getMessage());
    }

    @Test
    void unknownDependenciesAreIgnored() {
        Dag dag = Dag.of(List.of(feature("a", "source.raw.orders")));
        assertEquals(Set.of(), dag.parents("feature.a"));
    }
}
