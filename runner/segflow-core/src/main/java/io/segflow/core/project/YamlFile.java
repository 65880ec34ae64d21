package io.segflow.core.project;

import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One parsed YAML file kept as a snakeyaml node tree so every value still knows where it was written.
 * {@code file} is the path shown in diagnostics (relative to the project root when inside it).
 */
public record YamlFile(Path file, Node root) {

    /**
     * Parses {@code absolute}; syntax errors and duplicate keys are reported to {@code diags}.
     * Returns empty when the file is unreadable or malformed; an empty document yields an empty mapping.
     */
    public static Optional<YamlFile> parse(Path absolute, Path shown, Diagnostics diags) {
        String text;
        try {
            text = Files.readString(absolute, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diags.error(ErrorCode.MISSING_FILE, SourcePosition.of(shown), "cannot read file: " + e.getMessage(), null);
            return Optional.empty();
        }
        LoadSettings settings = LoadSettings.builder().setLabel(shown.toString()).build();
        Node root;
        try {
            root = new Compose(settings).composeString(text)
                    .orElseGet(() -> new MappingNode(Tag.MAP, new ArrayList<>(), FlowStyle.BLOCK));
        } catch (MarkedYamlEngineException e) {
            diags.error(ErrorCode.YAML_SYNTAX, markPosition(shown, e), syntaxMessage(e), syntaxHint(e));
            return Optional.empty();
        } catch (YamlEngineException e) {
            diags.error(ErrorCode.YAML_SYNTAX, SourcePosition.of(shown), "invalid YAML: " + e.getMessage(), null);
            return Optional.empty();
        }
        YamlFile file = new YamlFile(shown, root);
        int before = diags.all().size();
        file.checkDuplicateKeys(root, diags);
        return diags.all().size() == before ? Optional.of(file) : Optional.empty();
    }

    /** 1-based position of a node's first character. */
    public SourcePosition pos(Node node) {
        return position(file, node);
    }

    public static SourcePosition position(Path file, Node node) {
        if (node == null || node.getStartMark().isEmpty()) return SourcePosition.of(file);
        Mark m = node.getStartMark().get();
        return new SourcePosition(file, m.getLine() + 1, m.getColumn() + 1);
    }

    private static SourcePosition markPosition(Path file, MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        // "unexpected end of stream" points past the last line; where the open construct started is more useful
        if (String.valueOf(e.getProblem()).contains("end of stream") && e.getContextMark().isPresent()) {
            mark = e.getContextMark();
        }
        return mark.map(m -> new SourcePosition(file, m.getLine() + 1, m.getColumn() + 1))
                .orElse(SourcePosition.of(file));
    }

    private static String syntaxMessage(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem().trim();
        String context = e.getContext();
        return "invalid YAML: " + problem + (context == null || context.isBlank() ? "" : " (" + context.trim() + ")");
    }

    private static String syntaxHint(MarkedYamlEngineException e) {
        String p = String.valueOf(e.getProblem());
        if (String.valueOf(e.getContext()).contains("quoted scalar")) return "a quoted string is not closed";
        if (p.contains("\\t")) return "YAML does not allow tabs for indentation; use spaces";
        if (p.contains("mapping values")) return "check the indentation and that every ':' is followed by a space";
        return "check the indentation and quoting around this position";
    }

    private void checkDuplicateKeys(Node node, Diagnostics diags) {
        if (node instanceof MappingNode map) {
            Map<String, Node> seen = new HashMap<>();
            for (NodeTuple t : map.getValue()) {
                String key = scalarText(t.getKeyNode());
                if (key != null) {
                    Node first = seen.putIfAbsent(key, t.getKeyNode());
                    if (first != null) {
                        diags.error(ErrorCode.DUPLICATE_NAME, pos(t.getKeyNode()),
                                "duplicate key '" + key + "' (first written at line " + pos(first).line() + ")",
                                "remove one of the two entries");
                    }
                }
                checkDuplicateKeys(t.getValueNode(), diags);
            }
        } else if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> checkDuplicateKeys(n, diags));
        }
    }

    // ---- node helpers shared by the readers ----

    /** The value under {@code key} in a mapping, empty when absent, explicitly null, or {@code node} is no mapping. */
    public static Optional<Node> get(Node node, String key) {
        if (!(node instanceof MappingNode map)) return Optional.empty();
        for (NodeTuple t : map.getValue()) {
            if (key.equals(scalarText(t.getKeyNode()))) {
                return isNull(t.getValueNode()) ? Optional.empty() : Optional.of(t.getValueNode());
            }
        }
        return Optional.empty();
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** Raw text of a non-null scalar, else null. */
    public static String scalarText(Node node) {
        return node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag()) ? s.getValue() : null;
    }

    public static String string(Node node, String key, String dflt) {
        return get(node, key).map(YamlFile::scalarText).orElse(dflt);
    }

    public static boolean bool(Node node, String key, boolean dflt) {
        Object v = get(node, key).map(YamlFile::toJava).orElse(null);
        return v instanceof Boolean b ? b : dflt;
    }

    /** Accepts the shorthand {@code key: x} as well as {@code key: [x, y]}. */
    public static List<String> stringList(Node node, String key) {
        Optional<Node> v = get(node, key);
        if (v.isEmpty()) return List.of();
        if (v.get() instanceof SequenceNode seq) {
            List<String> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                String s = scalarText(item);
                if (s != null) out.add(s);
            }
            return out;
        }
        String s = scalarText(v.get());
        return s == null ? List.of() : List.of(s);
    }

    public static List<Node> items(Node node, String key) {
        return get(node, key).filter(n -> n instanceof SequenceNode)
                .map(n -> ((SequenceNode) n).getValue()).orElse(List.of());
    }

    /**
     * Plain Java value of a node: Map (insertion ordered, null values dropped), List, String, Long, Double,
     * Boolean or null. Integers too large for a long are kept as their text.
     */
    public static Object toJava(Node node) {
        if (node instanceof MappingNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                Object v = toJava(t.getValueNode());
                String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(toJava(t.getKeyNode()));
                if (v != null) out.putIfAbsent(k, v);
            }
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            for (Node n : seq.getValue()) out.add(toJava(n));
            return Collections.unmodifiableList(out);
        }
        ScalarNode s = (ScalarNode) node;
        String text = s.getValue();
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) return null;
        if (Tag.BOOL.equals(tag)) return Boolean.parseBoolean(text.toLowerCase());
        if (Tag.INT.equals(tag)) return parseInt(text);
        if (Tag.FLOAT.equals(tag)) return parseFloat(text);
        return text;
    }

    private static Object parseInt(String text) {
        String t = text.replace("_", "");
        try {
            if (t.startsWith("0x")) return Long.parseLong(t.substring(2), 16);
            if (t.startsWith("0o")) return Long.parseLong(t.substring(2), 8);
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Object parseFloat(String text) {
        String t = text.toLowerCase();
        if (t.endsWith(".inf")) return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (t.equals(".nan")) return Double.NaN;
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
