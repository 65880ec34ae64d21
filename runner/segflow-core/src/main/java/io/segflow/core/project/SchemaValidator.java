package io.segflow.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Validates YAML node trees against the JSON Schemas in {@code /schemas} (the same files editors use).
 * Supported subset: type, properties, required, additionalProperties, enum, pattern, items, anyOf/oneOf
 * (the branch is chosen by the kind of YAML node, so shorthand forms get precise messages), minimum,
 * maximum, minProperties/maxProperties and {@code $ref} to {@code #/$defs/...}. Two editor-friendly
 * extras shape messages: {@code patternErrorMessage}, {@code x-segflow-noun} (e.g. "test"), {@code x-segflow-open-names} and
 * {@code x-segflow-elsewhere} (name -> hint for names that are valid elsewhere but not here).
 * A key whose value is null (written without a value) counts as absent.
 */
public final class SchemaValidator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private SchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** Loads {@code /schemas/<name>} from the classpath. */
    public static SchemaValidator load(String name) {
        try (InputStream in = SchemaValidator.class.getResourceAsStream("/schemas/" + name)) {
            if (in == null) throw new IllegalStateException("schema not on classpath: " + name);
            return new SchemaValidator(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds one diagnostic per problem found in {@code file} to {@code diags}. */
    public void validate(YamlFile file, Diagnostics diags) {
        validate(file, file.root(), root, "", diags, file.root());
    }

    /** {@code at} is where a wrong type is reported: the key for block collections, else the value itself. */
    private void validate(YamlFile file, Node node, JsonNode schema, String path, Diagnostics diags, Node at) {
        JsonNode s = resolve(schema);
        JsonNode branches = s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
        if (branches != null) {
            validateBranches(file, node, s, branches, path, diags, at);
            return;
        }
        if (!accepts(s, node)) {
            diags.error(ErrorCode.WRONG_TYPE, file.pos(at),
                    "wrong type for " + label(path) + ": expected " + describe(s) + ", got " + describe(node), null);
            return;
        }
        if (node instanceof MappingNode map) {
            validateMapping(file, map, s, path, diags);
        } else if (node instanceof SequenceNode seq && s.has("items")) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                validate(file, items.get(i), s.get("items"), path + "[" + i + "]", diags, items.get(i));
            }
        } else if (node instanceof ScalarNode scalar) {
            validateScalar(file, scalar, s, path, diags);
        }
    }

    private void validateBranches(YamlFile file, Node node, JsonNode s, JsonNode branches, String path,
                                  Diagnostics diags, Node at) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode b : branches) {
            if (accepts(resolve(b), node)) matching.add(b);
        }
        if (matching.isEmpty()) {
            diags.error(ErrorCode.WRONG_TYPE, file.pos(at),
                    "wrong type for " + label(path) + ": expected " + describe(s) + ", got " + describe(node), null);
            return;
        }
        List<Diagnostic> best = null;
        for (JsonNode b : matching) {
            Diagnostics trial = new Diagnostics();
            validate(file, node, b, path, trial, at);
            if (!trial.hasErrors()) return;
            if (best == null || trial.all().size() < best.size()) best = trial.all();
        }
        diags.addAll(best);
    }

    private void validateMapping(YamlFile file, MappingNode map, JsonNode s, String path, Diagnostics diags) {
        JsonNode props = s.path("properties");
        JsonNode additional = s.get("additionalProperties");
        Set<String> present = new LinkedHashSet<>();
        for (NodeTuple t : map.getValue()) {
            String key = YamlFile.scalarText(t.getKeyNode());
            if (key == null) {
                diags.error(ErrorCode.WRONG_TYPE, file.pos(t.getKeyNode()),
                        "keys in " + where(path) + " must be plain names", null);
                continue;
            }
            Node value = t.getValueNode();
            boolean isNull = YamlFile.isNull(value);
            if (!isNull) present.add(key);
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (props.has(key)) {
                if (!isNull) validate(file, value, props.get(key), childPath, diags, anchor(t));
            } else if (openName(s, key, fieldNames(props))) {
                continue;
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                reportUnknownKey(file, t.getKeyNode(), key, s, path, diags);
            } else if (additional != null && additional.isObject() && !isNull) {
                validate(file, value, additional, childPath, diags, anchor(t));
            }
        }
        for (JsonNode req : s.path("required")) {
            String key = req.asText();
            if (!present.contains(key)) {
                String desc = props.path(key).path("description").asText(null);
                diags.error(ErrorCode.MISSING_KEY, file.pos(map), "missing required key '" + key + "' in " + where(path),
                        desc == null ? "add '" + key + ":'" : "add '" + key + ":' (" + desc + ")");
            }
        }
        int count = map.getValue().size();
        if (s.has("maxProperties") && count > s.get("maxProperties").asInt()) {
            diags.error(ErrorCode.INVALID_VALUE, file.pos(map), "expected at most " + s.get("maxProperties").asInt()
                    + " key(s) in " + where(path) + ", found " + count, "split it into separate list items");
        }
        if (s.has("minProperties") && count < s.get("minProperties").asInt()) {
            diags.error(ErrorCode.INVALID_VALUE, file.pos(map), "expected at least " + s.get("minProperties").asInt()
                    + " key(s) in " + where(path) + ", found " + count, null);
        }
    }

    private static Node anchor(NodeTuple t) {
        Node v = t.getValueNode();
        boolean block = v instanceof CollectionNode<?> c && c.getFlowStyle() == FlowStyle.BLOCK;
        return block ? t.getKeyNode() : v;
    }

    /**
     * Names a schema leaves open ({@code x-segflow-open-names}, a pattern): e.g. generic tests defined in macros,
     * checked once the macros are known. A name {@code x-segflow-elsewhere} explains, or a likely typo of a known
     * name, is never open.
     */
    private static boolean openName(JsonNode s, String name, List<String> known) {
        JsonNode open = s.get("x-segflow-open-names");
        return open != null && elsewhere(s, name) == null && Pattern.compile(open.asText()).matcher(name).matches()
                && Suggestions.closest(name, known).isEmpty();
    }

    private static List<String> fieldNames(JsonNode props) {
        List<String> out = new ArrayList<>();
        props.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** A schema may explain why a known name is not allowed here ({@code x-segflow-elsewhere}). */
    private static String elsewhere(JsonNode s, String name) {
        JsonNode hint = s.path("x-segflow-elsewhere").get(name);
        return hint == null ? null : hint.asText();
    }

    private void reportUnknownKey(YamlFile file, Node keyNode, String key, JsonNode s, String path, Diagnostics diags) {
        List<String> allowed = new ArrayList<>();
        s.path("properties").fieldNames().forEachRemaining(allowed::add);
        String noun = s.path("x-segflow-noun").asText("key");
        String hint = elsewhere(s, key);
        if (hint == null) hint = Suggestions.didYouMean(key, allowed);
        if (hint == null) hint = "known " + noun + "s: " + String.join(", ", allowed);
        diags.error(ErrorCode.UNKNOWN_KEY, file.pos(keyNode), "unknown " + noun + " '" + key + "' in " + where(path), hint);
    }

    private void validateScalar(YamlFile file, ScalarNode node, JsonNode s, String path, Diagnostics diags) {
        String text = node.getValue();
        if (s.has("enum")) {
            List<String> allowed = new ArrayList<>();
            s.get("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(text) && !openName(s, text, allowed)) {
                String noun = s.path("x-segflow-noun").asText(null);
                String msg = noun != null
                        ? "unknown " + noun + " '" + text + "' in " + where(path) + "; known " + noun + "s: "
                        : "invalid value '" + text + "' for " + label(path) + "; expected one of: ";
                String hint = elsewhere(s, text);
                diags.error(ErrorCode.INVALID_VALUE, file.pos(node), msg + String.join(", ", allowed),
                        hint != null ? hint : Suggestions.didYouMean(text, allowed));
                return;
            }
        }
        if (s.has("pattern") && Tag.STR.equals(node.getTag())
                && !Pattern.compile(s.get("pattern").asText()).matcher(text).find()) {
            String rule = s.has("patternErrorMessage") ? s.get("patternErrorMessage").asText()
                    : "it must match " + s.get("pattern").asText();
            diags.error(ErrorCode.INVALID_VALUE, file.pos(node), "invalid value '" + text + "' for " + label(path),
                    rule);
        }
        Object value = YamlFile.toJava(node);
        if (value instanceof Number n) {
            if (s.has("minimum") && n.doubleValue() < s.get("minimum").asDouble()) {
                diags.error(ErrorCode.INVALID_VALUE, file.pos(node), "value " + text + " for " + label(path)
                        + " is below the minimum " + s.get("minimum").asText(), null);
            }
            if (s.has("maximum") && n.doubleValue() > s.get("maximum").asDouble()) {
                diags.error(ErrorCode.INVALID_VALUE, file.pos(node), "value " + text + " for " + label(path)
                        + " is above the maximum " + s.get("maximum").asText(), null);
            }
        }
    }

    private JsonNode resolve(JsonNode s) {
        while (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            if (!ref.startsWith("#/")) throw new IllegalStateException("only local $ref supported: " + ref);
            s = root.at(ref.substring(1));
            if (s.isMissingNode()) throw new IllegalStateException("dangling $ref " + ref);
        }
        return s;
    }

    private boolean accepts(JsonNode schema, Node node) {
        JsonNode s = resolve(schema);
        JsonNode branches = s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
        if (branches != null) {
            for (JsonNode b : branches) if (accepts(b, node)) return true;
            return false;
        }
        if (!s.has("type")) return true;
        String kind = kind(node);
        for (String t : types(s)) {
            if (t.equals(kind) || (t.equals("number") && kind.equals("integer"))) return true;
        }
        return false;
    }

    private static List<String> types(JsonNode s) {
        List<String> out = new ArrayList<>();
        JsonNode t = s.get("type");
        if (t.isArray()) t.forEach(x -> out.add(x.asText()));
        else out.add(t.asText());
        return out;
    }

    private static String kind(Node node) {
        if (node instanceof MappingNode) return "object";
        if (node instanceof SequenceNode) return "array";
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) return "null";
        if (Tag.BOOL.equals(tag)) return "boolean";
        if (Tag.INT.equals(tag)) return "integer";
        if (Tag.FLOAT.equals(tag)) return "number";
        return "string";
    }

    /** "a list of strings", "a string or a list of strings", ... */
    private String describe(JsonNode schema) {
        JsonNode s = resolve(schema);
        JsonNode branches = s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
        Set<String> parts = new LinkedHashSet<>();
        if (branches != null) {
            for (JsonNode b : branches) parts.add(describe(b));
        } else if (!s.has("type")) {
            return "a value";
        } else {
            for (String t : types(s)) {
                if (t.equals("array") && s.has("items")) parts.add("a list of " + plural(s.get("items")));
                else parts.add(singular(t));
            }
        }
        return String.join(" or ", parts);
    }

    private String plural(JsonNode schema) {
        JsonNode s = resolve(schema);
        JsonNode branches = s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
        if (branches != null) {
            Set<String> parts = new LinkedHashSet<>();
            for (JsonNode b : branches) parts.add(plural(b));
            return String.join(" or ", parts);
        }
        if (!s.has("type")) return "values";
        Set<String> parts = new LinkedHashSet<>();
        for (String t : types(s)) {
            parts.add(switch (t) {
                case "object" -> "mappings";
                case "array" -> "lists";
                case "null" -> "nulls";
                default -> t + "s";
            });
        }
        return String.join(" or ", parts);
    }

    private static String singular(String type) {
        return switch (type) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "integer" -> "an integer";
            case "null" -> "nothing";
            default -> "a " + type;
        };
    }

    private static String describe(Node node) {
        return switch (kind(node)) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "null" -> "nothing";
            case "integer" -> "an integer (" + ((ScalarNode) node).getValue() + ")";
            case "number" -> "a number (" + ((ScalarNode) node).getValue() + ")";
            case "boolean" -> "a boolean (" + ((ScalarNode) node).getValue() + ")";
            default -> {
                String text = ((ScalarNode) node).getValue();
                yield text.length() <= 40 && !text.contains("\n") ? "a string ('" + text + "')" : "a string";
            }
        };
    }

    private static String label(String path) {
        return path.isEmpty() ? "the document" : "'" + path + "'";
    }

    private static String where(String path) {
        return path.isEmpty() ? "the top level" : "'" + path + "'";
    }
}
