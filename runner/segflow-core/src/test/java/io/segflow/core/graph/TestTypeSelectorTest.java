package io.segflow.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code test_type:unit} picks fixture tests, {@code test_type:data} every other test; both skip non-test nodes. */
class TestTypeSelectorTest {
    private static final Path SEGMENT_FILE = Path.of("segments/lifecycle.yml");
    private final Dag dag = Dag.of(List.of(
            new GraphNode("feature.customer_features", "customer_features", NodeKind.FEATURE,
                    Path.of("features/customer_features.sql"), Set.of(), Set.of(), null),
            new GraphNode("test.not_null_customer_features_customer_id", "not_null_customer_features_customer_id",
                    NodeKind.TEST, Path.of("features/features.yml"), Set.of(), Set.of("feature.customer_features"),
                    null),
            new GraphNode("segment.lifecycle", "lifecycle", NodeKind.SEGMENT, SEGMENT_FILE, Set.of(),
                    Set.of("feature.customer_features"), null),
            test("lifecycle_expected_members", TestType.UNIT),
            test("lifecycle_min_size", TestType.DATA),
            // a data test whose name merely looks like a fixture test: the kind decides, not the name
            test("expected_members_exclusive", TestType.DATA)));

    private static GraphNode test(String name, TestType type) {
        return new GraphNode("test." + name, name, NodeKind.TEST, SEGMENT_FILE, Set.of(), Set.of("segment.lifecycle"),
                null, Map.of(), type);
    }

    private List<String> select(String... selectors) {
        return NodeSelector.select(dag, List.of(selectors), List.of());
    }

    @Test
    void unitSelectsFixtureTestsOnly() {
        assertEquals(List.of("test.lifecycle_expected_members"), select("test_type:unit"));
    }

    @Test
    void dataSelectsEveryOtherTestButNoFeatureOrSegment() {
        assertEquals(Set.of("test.not_null_customer_features_customer_id", "test.lifecycle_min_size",
                "test.expected_members_exclusive"), Set.copyOf(select("test_type:data")));
    }

    @Test
    void combinesWithGraphOperatorsAndIntersections() {
        assertEquals(List.of("test.lifecycle_expected_members"), select("lifecycle+,test_type:unit"));
        assertEquals(List.of("feature.customer_features", "segment.lifecycle", "test.lifecycle_expected_members"),
                select("+test_type:unit"));
    }

    @Test
    void testNodesDefaultToDataAndOtherNodesHaveNoTestType() {
        assertEquals(TestType.DATA, node("test.not_null_customer_features_customer_id").testType());
        assertNull(node("feature.customer_features").testType());
        assertNull(node("segment.lifecycle").testType());
        assertThrows(IllegalArgumentException.class, () -> new GraphNode("feature.x", "x", NodeKind.FEATURE, null,
                Set.of(), Set.of(), null, Map.of(), TestType.UNIT));
    }

    private GraphNode node(String id) {
        return dag.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void unknownTestTypeIsASelectorError() {
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> select("test_type:fixture"));
        assertEquals(ErrorCode.SELECTOR, e.diagnostics().get(0).code());
        assertTrue(e.diagnostics().get(0).message().contains("'unit'"), e.diagnostics().get(0).message());
    }
}
