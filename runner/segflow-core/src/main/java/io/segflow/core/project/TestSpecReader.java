package io.segflow.core.project;

import io.segflow.core.dbt.TestConfigBlock;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Turns {@code tests:} list items into {@link TestSpec}s. Kinds and argument shapes are already checked by the
 * JSON schema; this adds what a schema cannot say well (a bare name for a test that needs arguments) and
 * expands shorthands: {@code min_size: 500} becomes args {@code {min: 500}}.
 */
final class TestSpecReader {
    static final List<String> DATA_TESTS =
            List.of("not_null", "unique", "accepted_values", "relationships", "expression_is_true");
    static final List<String> SEGMENT_TESTS =
            List.of("min_size", "max_share", "exclusive", "exhaustive", "stability", "expected_members");
    private static final Set<String> NEEDS_ARGS = Set.of("accepted_values", "relationships", "expression_is_true",
            "min_size", "max_share", "stability", "expected_members");
    private static final Map<String, String> SHORTHAND_ARG =
            Map.of("min_size", "min", "max_share", "max", "stability", "min_agreement");

    private TestSpecReader() {
    }

    /** Reads the list under {@code key} of {@code owner}; items of unknown kind are skipped (already reported). */
    static List<TestSpec> read(YamlFile file, Node owner, String key, boolean segmentTests, Diagnostics diags) {
        List<TestSpec> out = new ArrayList<>();
        List<Node> items = new ArrayList<>(YamlFile.items(owner, key));
        if ("tests".equals(key)) items.addAll(YamlFile.items(owner, "data_tests")); // dbt 1.8's name for tests
        for (Node item : items) {
            TestSpec spec = readOne(file, item, segmentTests, diags);
            if (spec != null) out.add(TestConfigBlock.apply(file, item, spec, diags));
        }
        return out;
    }

    private static boolean known(String kind, boolean segmentTests) {
        return DATA_TESTS.contains(kind) || (segmentTests && SEGMENT_TESTS.contains(kind))
                || (!segmentTests && isGenericName(kind));
    }

    /**
     * A name that may be a generic test defined with {@code {% test %}} (the project's, a package's or a bundled
     * {@code dbt_utils.} one); whether it exists is checked at compile, where the macros are known.
     */
    static boolean isGenericName(String kind) {
        return kind.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?") && !SEGMENT_TESTS.contains(kind);
    }

    private static TestSpec readOne(YamlFile file, Node item, boolean segmentTests, Diagnostics diags) {
        if (item instanceof ScalarNode) {
            String kind = YamlFile.scalarText(item);
            if (kind == null || !known(kind, segmentTests)) return null;
            if (NEEDS_ARGS.contains(kind)) reportNeedsArgs(file, item, kind, diags);
            return new TestSpec(kind, Map.of(), "error", file.pos(item));
        }
        if (!(item instanceof MappingNode map) || map.getValue().size() != 1) return null;
        NodeTuple t = map.getValue().get(0);
        String kind = YamlFile.scalarText(t.getKeyNode());
        if (kind == null || !known(kind, segmentTests)) return null;
        Node value = t.getValueNode();
        Map<String, Object> args = new LinkedHashMap<>();
        if (YamlFile.isNull(value)) {
            if (NEEDS_ARGS.contains(kind)) reportNeedsArgs(file, item, kind, diags);
        } else if (value instanceof ScalarNode) {
            args.put(SHORTHAND_ARG.getOrDefault(kind, "value"), YamlFile.toJava(value));
        } else if (YamlFile.toJava(value) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> args.put(String.valueOf(k), v));
        }
        Object severity = args.remove("severity");
        return new TestSpec(kind, args, severity instanceof String s ? s : "error", file.pos(item));
    }

    private static void reportNeedsArgs(YamlFile file, Node item, String kind, Diagnostics diags) {
        String example = switch (kind) {
            case "accepted_values" -> "accepted_values: {values: ['a', 'b']}";
            case "relationships" -> "relationships: {to: \"ref('customers')\", field: customer_id}";
            case "expression_is_true" -> "expression_is_true: {expression: \"amount >= 0\"}";
            case "min_size" -> "min_size: 100";
            case "max_share" -> "max_share: 0.5";
            case "stability" -> "stability: 0.8";
            default -> kind + ": {...}";
        };
        diags.error(ErrorCode.MISSING_KEY, file.pos(item), "test '" + kind + "' needs arguments",
                "write it as `- " + example + "`");
    }
}
