package io.segflow.audience;

import io.segflow.core.project.SegmentSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An audience set as written in audiences/*.yml, bound once from the definition's body (the JSON schema has
 * checked its shape). {@code priority} is the order audiences take entities in; {@code path} of each part is its
 * key path in the definition, for positioned errors.
 */
public record AudienceSet(String name, List<Audience> priority, List<Suppression> suppress, List<Export> exports) {
    /** Any group of a segmentation ({@code include: {clusters: "*"}}). */
    public static final String ANY_GROUP = "*";

    public AudienceSet {
        priority = List.copyOf(priority);
        suppress = List.copyOf(suppress);
        exports = List.copyOf(exports);
    }

    /** One audience: entities in any of the {@code include} groups (segmentation -> groups), at most {@code cap}. */
    public record Audience(String name, String description, Map<String, List<String>> include, Integer cap, String path) {
    }

    /**
     * A suppression list: the members of {@code segments} groups, or the rows of {@code from} where {@code where}
     * holds (keyed by {@code key}, default the relation's entity key).
     */
    public record Suppression(String name, Map<String, List<String>> segments, String from, String key, String where,
                              String path) {
    }

    /** An export of some audiences ({@code audiences} empty: all) with identifiers joined from another relation. */
    public record Export(String name, List<String> audiences, String format, String path, Identifiers identifiers,
                         String keyPath) {
        public String formatOrDefault() {
            return format == null ? "csv" : format;
        }
    }

    public record Identifiers(String from, String key, List<Identifier> columns) {
    }

    /** An identifier column: {@code column} of the identifiers relation, normalised, then hashed (default sha256). */
    public record Identifier(String name, String column, String normalize, String hash) {
        public boolean hashed() {
            return !"none".equals(hash);
        }

        public boolean email() {
            return "email".equals(normalize);
        }
    }

    public static AudienceSet of(SegmentSpec spec) {
        Map<String, Object> body = spec.body();
        List<Audience> audiences = new ArrayList<>();
        List<Map<?, ?>> items = maps(body.get("priority"));
        for (int i = 0; i < items.size(); i++) {
            Map<?, ?> m = items.get(i);
            audiences.add(new Audience(text(m.get("name")), text(m.get("description")), groups(m.get("include")),
                    m.get("cap") instanceof Number n ? n.intValue() : null, "priority." + i));
        }
        List<Suppression> suppress = new ArrayList<>();
        items = maps(body.get("suppress"));
        for (int i = 0; i < items.size(); i++) {
            Map<?, ?> m = items.get(i);
            suppress.add(new Suppression(text(m.get("name")), m.get("segments") == null ? null : groups(m.get("segments")),
                    text(m.get("from")), text(m.get("key")), text(m.get("where")), "suppress." + i));
        }
        List<Export> exports = new ArrayList<>();
        items = maps(body.get("exports"));
        for (int i = 0; i < items.size(); i++) {
            Map<?, ?> m = items.get(i);
            Identifiers ids = null;
            if (m.get("identifiers") instanceof Map<?, ?> idm) {
                List<Identifier> cols = new ArrayList<>();
                for (Map<?, ?> c : maps(idm.get("columns"))) {
                    cols.add(new Identifier(text(c.get("name")), text(c.get("column")),
                            c.get("normalize") == null ? "none" : text(c.get("normalize")),
                            c.get("hash") == null ? "sha256" : text(c.get("hash"))));
                }
                ids = new Identifiers(text(idm.get("from")), text(idm.get("key")), cols);
            }
            exports.add(new Export(text(m.get("name")), strings(m.get("audiences")), text(m.get("format")),
                    text(m.get("path")), ids, "exports." + i));
        }
        return new AudienceSet(spec.name(), audiences, suppress, exports);
    }

    public List<String> audienceNames() {
        return priority.stream().map(Audience::name).toList();
    }

    private static List<Map<?, ?>> maps(Object raw) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (raw instanceof List<?> l) for (Object o : l) if (o instanceof Map<?, ?> m) out.add(m);
        return out;
    }

    private static Map<String, List<String>> groups(Object raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> m) m.forEach((k, v) -> out.put(String.valueOf(k), strings(v)));
        return out;
    }

    static List<String> strings(Object raw) {
        if (raw == null) return List.of();
        if (raw instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return List.of(String.valueOf(raw));
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
