package io.segflow.docs.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * What the site shows, read from target/manifest.json and target/compiled/&lt;target&gt;/ only: one entry per feature,
 * seed, source, test and segment (the template's input), plus the DAG and the column lineage (the scripts' input).
 */
final class SiteModel {
    /** The site's sections in navigation order: manifest key, kind shown, heading. */
    private static final List<String[]> KINDS = List.of(
            new String[] {"nodes", "feature", "Features"},
            new String[] {"segments", "segment", "Segments"},
            new String[] {"seeds", "seed", "Seeds"},
            new String[] {"sources", "source", "Sources"},
            new String[] {"tests", "test", "Tests"});

    final Map<String, Object> metadata = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> items = new LinkedHashMap<>();
    final List<Map<String, Object>> groups = new ArrayList<>();
    private final Map<String, String> idByRelation = new HashMap<>();

    static SiteModel read(JsonNode manifest, Path targetDir) {
        SiteModel m = new SiteModel();
        manifest.path("metadata").fields().forEachRemaining(e -> m.metadata.put(e.getKey(), e.getValue().asText()));
        Map<String, Path> compiledDirs = compiledDirs(targetDir);
        for (String[] kind : KINDS) {
            List<Map<String, Object>> members = new ArrayList<>();
            manifest.path(kind[0]).fields().forEachRemaining(e -> {
                Map<String, Object> item = m.item(e.getKey(), kind[1], e.getValue(), compiledDirs);
                m.items.put(e.getKey(), item);
                members.add(item);
            });
            members.sort(Comparator.comparing(i -> (String) i.get("name")));
            m.groups.add(Map.of("kind", kind[1], "title", kind[2], "items", members));
        }
        m.link(manifest);
        return m;
    }

    private Map<String, Object> item(String id, String kind, JsonNode n, Map<String, Path> compiledDirs) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("kind", kind);
        item.put("name", name(id, kind, n));
        item.put("anchor", anchor(id));
        item.put("description", text(n, "description"));
        item.put("relation", text(n, "relation"));
        item.put("path", text(n, "path"));
        item.put("materialized", text(n, "materialized"));
        item.put("tags", strings(n.path("tags")));
        item.put("tests", strings(n.path("tests")));
        item.put("raw_sql", text(n, "raw_sql"));
        item.put("attached_to", text(n, "attached_to"));
        item.put("severity", text(n, "severity"));
        item.put("test_kind", text(n, "kind"));
        item.put("segment_type", "segment".equals(kind) ? text(n, "type") : null);
        item.put("groups", strings(n.path("groups")));
        item.put("definition", n.has("definition") ? yaml(n.get("definition")) : null);
        List<Map<String, Object>> columns = new ArrayList<>();
        for (JsonNode c : n.path("columns")) {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("name", c.path("name").asText());
            col.put("type", text(c, "type"));
            col.put("description", text(c, "description"));
            col.put("pii", c.path("pii").asBoolean(false));
            col.put("tests", strings(c.path("tests")));
            columns.add(col);
        }
        item.put("columns", columns);
        item.put("compiled", compiled(item, kind, n, compiledDirs));
        if (item.get("relation") != null) idByRelation.put(((String) item.get("relation")).toLowerCase(), id);
        return item;
    }

    /** Parents, children and attached tests, as links; column keys for the lineage graph. */
    @SuppressWarnings("unchecked")
    private void link(JsonNode manifest) {
        Map<String, List<String>> parents = new TreeMap<>();
        manifest.path("parent_map").fields().forEachRemaining(e -> parents.put(e.getKey(), strings(e.getValue())));
        for (Map<String, Object> item : items.values()) {
            List<String> ups = new ArrayList<>(parents.getOrDefault(item.get("id"), List.of()));
            JsonNode deps = manifest.path("segments").path((String) item.get("id")).path("depends_on");
            if (ups.isEmpty()) ups.addAll(strings(deps));
            JsonNode testDeps = manifest.path("tests").path((String) item.get("id")).path("depends_on");
            if (ups.isEmpty()) ups.addAll(strings(testDeps));
            item.put("parents", ups);
            item.put("children", new ArrayList<String>());
        }
        for (Map<String, Object> item : items.values()) {
            for (String up : (List<String>) item.get("parents")) {
                Map<String, Object> parent = items.get(up);
                if (parent != null) ((List<String>) parent.get("children")).add((String) item.get("id"));
            }
        }
        for (Map<String, Object> item : items.values()) {
            item.put("parent_links", links((List<String>) item.get("parents")));
            item.put("child_links", links((List<String>) item.get("children")));
            if ("test".equals(item.get("kind"))) continue;
            List<String> attached = items.values().stream().filter(t -> "test".equals(t.get("kind"))
                    && item.get("id").equals(t.get("attached_to"))).map(t -> (String) t.get("id")).toList();
            item.put("test_links", links(attached));
            for (Map<String, Object> col : (List<Map<String, Object>>) item.get("columns")) {
                col.put("key", item.get("relation") + "." + col.get("name"));
            }
        }
    }

    private List<Map<String, Object>> links(List<String> ids) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> target = items.get(id);
            out.add(Map.of("id", id, "anchor", anchor(id),
                    "name", target == null ? id : target.get("name"), "kind", target == null ? "" : target.get("kind")));
        }
        return out;
    }

    /** Lineage edges between "relation.column" keys, and which item owns each relation (for the graph's boxes). */
    Map<String, Object> lineage(JsonNode manifest) {
        Map<String, List<String>> parents = new TreeMap<>();
        manifest.path("nodes").fields().forEachRemaining(e -> {
            String relation = e.getValue().path("relation").asText();
            e.getValue().path("column_lineage").fields().forEachRemaining(c ->
                    parents.put(relation + "." + c.getKey(), strings(c.getValue())));
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parents", parents);
        out.put("relations", idByRelation);
        return out;
    }

    private static List<Map<String, Object>> compiled(Map<String, Object> item, String kind, JsonNode n,
                                                      Map<String, Path> compiledDirs) {
        String relative = switch (kind) {
            case "feature" -> text(n, "path");
            case "test" -> "tests/" + item.get("name") + ".sql";
            case "segment" -> "segments/" + item.get("name") + ".sql";
            default -> null;
        };
        List<Map<String, Object>> out = new ArrayList<>();
        if (relative == null) return out;
        compiledDirs.forEach((target, dir) -> {
            Path file = dir.resolve(relative);
            if (Files.isRegularFile(file)) out.add(Map.of("target", target, "sql", read(file).strip()));
        });
        if (out.isEmpty() && text(n, "compiled_sql") != null) {
            out.add(Map.of("target", "manifest", "sql", text(n, "compiled_sql")));
        }
        return out;
    }

    private static Map<String, Path> compiledDirs(Path targetDir) {
        Map<String, Path> dirs = new TreeMap<>();
        Path compiled = targetDir.resolve("compiled");
        if (!Files.isDirectory(compiled)) return dirs;
        try (Stream<Path> s = Files.list(compiled)) {
            s.filter(Files::isDirectory).forEach(d -> dirs.put(d.getFileName().toString(), d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dirs;
    }

    private static String name(String id, String kind, JsonNode n) {
        if (n.hasNonNull("name")) return n.get("name").asText();
        String prefix = kind + ".";
        return id.startsWith(prefix) ? id.substring(prefix.length()) : id;
    }

    /** An id usable in a URL fragment and an HTML id. */
    static String anchor(String id) {
        return id.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) out.add(v.asText());
        return out;
    }

    private static String yaml(JsonNode definition) {
        Object value = new ObjectMapper().convertValue(definition, Object.class);
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(value).strip();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
