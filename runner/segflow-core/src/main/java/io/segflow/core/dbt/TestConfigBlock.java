package io.segflow.core.dbt;

import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.TestSpec;
import io.segflow.core.project.YamlFile;
import io.segflow.core.test.TestConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.MappingNode;

/**
 * dbt's test {@code config:} block ({@code - not_null: {config: {severity: warn, where: "..."}}}): {@code severity},
 * {@code where}, {@code limit}, {@code warn_if}, {@code error_if}, {@code store_failures}, {@code store_failures_as}
 * and {@code fail_calc} mean what they mean in dbt (a bad value is a positioned error); {@code schema} and
 * {@code database} are refused with a positioned warning.
 */
public final class TestConfigBlock {
    private TestConfigBlock() {
    }

    /** {@code spec} with its {@code config:} block (if any) folded into severity and arguments. */
    public static TestSpec apply(YamlFile file, Node item, TestSpec spec, Diagnostics diags) {
        if (!(spec.args().get("config") instanceof Map<?, ?> config)) return spec;
        Node configNode = configNode(item);
        Map<String, Object> args = new LinkedHashMap<>(spec.args());
        args.remove("config");
        String severity = spec.severity();
        for (Map.Entry<?, ?> e : config.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            Node at = keyNode(configNode, key);
            switch (key) {
                case "severity" -> severity = String.valueOf(value).toLowerCase(Locale.ROOT);
                case "where", "limit" -> args.put(key, value);
                case "enabled", "tags", "meta", "alias" -> { } // no effect on what the test checks
                case "warn_if", "error_if" -> {
                    if (TestConfig.valid(String.valueOf(value))) {
                        args.put(key, String.valueOf(value));
                    } else {
                        diags.error(ErrorCode.INVALID_VALUE, file.pos(valueNode(configNode, key)), "invalid " + key
                                + " condition '" + value + "'", "a comparison with the failure count: \">10\", \"!=0\", \">=5\"");
                    }
                }
                case "store_failures" -> {
                    if (Boolean.TRUE.equals(value)) args.putIfAbsent("store_failures_as", "table");
                }
                case "store_failures_as" -> {
                    String as = String.valueOf(value).toLowerCase(Locale.ROOT);
                    if (as.equals("table") || as.equals("view") || as.equals("ephemeral")) {
                        args.put("store_failures_as", as);
                    } else {
                        diags.error(ErrorCode.INVALID_VALUE, file.pos(valueNode(configNode, key)),
                                "invalid store_failures_as '" + value + "'", "use table, view or ephemeral");
                    }
                }
                case "fail_calc" -> args.put(key, String.valueOf(value));
                case "schema", "database" -> {
                    if (!Boolean.FALSE.equals(value)) {
                        diags.warning(ErrorCode.UNSUPPORTED_FEATURE, file.pos(at), "test config '" + key
                                + "' is not supported and has no effect", "see docs/dbt.md");
                    }
                }
                default -> diags.error(ErrorCode.UNKNOWN_KEY, file.pos(at), "unknown test config '" + key + "'",
                        "known: severity, where, limit, warn_if, error_if, fail_calc, store_failures, store_failures_as, enabled, "
                                + "tags, meta");
            }
        }
        if (!"warn".equals(severity) && !"error".equals(severity)) {
            diags.error(ErrorCode.INVALID_VALUE, file.pos(keyNode(configNode, "severity")),
                    "invalid test severity '" + severity + "'", "use error or warn");
        }
        return new TestSpec(spec.kind(), args, severity, spec.position());
    }

    private static Node configNode(Node item) {
        if (!(item instanceof MappingNode map) || map.getValue().isEmpty()) return item;
        return YamlFile.get(map.getValue().get(0).getValueNode(), "config").orElse(item);
    }

    private static Node valueNode(Node mapping, String key) {
        return YamlFile.get(mapping, key).orElse(keyNode(mapping, key));
    }

    private static Node keyNode(Node mapping, String key) {
        if (mapping instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (key.equals(YamlFile.scalarText(t.getKeyNode()))) return t.getKeyNode();
            }
        }
        return mapping;
    }
}
