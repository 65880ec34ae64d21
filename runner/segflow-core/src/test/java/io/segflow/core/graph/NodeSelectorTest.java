package io.segflow.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeSelectorTest {
    private final Dag dag = Dag.of(List.of(
            node("stg_orders", "features/staging/stg_orders.sql", Set.of(), Set.of()),
            node("customer_orders", "features/marts/customer_orders.sql", Set.of("rfm"), Set.of("stg_orders")),
            node("customer_features", "features/marts/customer_features.sql", Set.of("core"),
                    Set.of("customer_orders")),
            node("daily_revenue", "features/marts/daily_revenue.sql", Set.of(), Set.of("stg_orders")),
            new GraphNode("segment.value", "value", NodeKind.SEGMENT, Path.of("segments/value.yml"), Set.of(),
                    Set.of("feature.customer_features"), null)));

    private static GraphNode node(String name, String path, Set<String> tags, Set<String> deps) {
        return new GraphNode("feature." + name, name, NodeKind.FEATURE, Path.of(path), tags,
                Set.copyOf(deps.stream().map(d -> "feature." + d).toList()), null);
    }

    private List<String> select(List<String> sel, List<String> excl) {
        return NodeSelector.select(dag, sel, excl).stream().map(id -> id.substring(id.indexOf('.') + 1)).toList();
    }

    @Test
    void emptySelectionMeansEverything() {
        assertEquals(5, select(List.of(), List.of()).size());
    }

    @Test
    void graphOperators() {
        assertEquals(List.of("stg_orders", "customer_orders", "customer_features"),
                select(List.of("+customer_features"), List.of()));
        assertEquals(List.of("customer_orders", "customer_features", "value"),
                select(List.of("customer_orders+"), List.of()));
        assertEquals(List.of("customer_orders", "customer_features"), select(List.of("customer_orders+1"), List.of()));
        assertEquals(List.of("customer_orders", "customer_features"), select(List.of("1+customer_features"), List.of()));
    }

    @Test
    void tagPathTypeUnionIntersectionAndExclude() {
        assertEquals(List.of("customer_orders"), select(List.of("tag:rfm"), List.of()));
        assertEquals(List.of("customer_orders", "customer_features", "daily_revenue"),
                select(List.of("path:features/marts"), List.of()));
        assertEquals(List.of("value"), select(List.of("type:segment"), List.of()));
        assertEquals(List.of("customer_orders", "customer_features"),
                select(List.of("path:features/marts,+customer_features"), List.of()));
        assertEquals(List.of("stg_orders", "customer_orders", "daily_revenue"),
                select(List.of("stg_orders+"), List.of("customer_features+")));
        assertEquals(List.of("stg_orders", "daily_revenue"), select(List.of("stg_orders daily_revenue"), List.of()));
    }

    @Test
    void unknownNameAndMethodAreUserErrors() {
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> select(List.of("nope"), List.of()));
        assertEquals(ErrorCode.SELECTOR, e.diagnostics().get(0).code());
        assertThrows(DiagnosticException.class, () -> select(List.of("color:red"), List.of()));
    }

    @Test
    void misspeltNameGetsADidYouMean() {
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> select(List.of("customer_ordrs"), List.of()));
        assertEquals("invalid selector 'customer_ordrs': no feature or segment named 'customer_ordrs'; "
                + "did you mean 'customer_orders'?", e.diagnostics().get(0).message());
    }
}
