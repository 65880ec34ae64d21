package io.segflow.docs.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the documentation site into target/docs/: one self-contained index.html (styles, scripts and data inlined,
 * so it opens from disk with no network) rendered from the Jinjava template beside this class.
 */
public final class DocsSite {
    /** Where the report engineer's {@code segflow report} writes its page, relative to the site directory. */
    public static final String REPORT_PAGE = "report/index.html";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DocsSite() {
    }

    public static Path siteDir(Path targetDir) {
        return targetDir.resolve("docs");
    }

    /** Builds the site from {@code targetDir}'s artifacts; returns the page written. */
    public static Path write(Path targetDir) {
        Path manifestFile = targetDir.resolve("manifest.json");
        try {
            JsonNode manifest = JSON.readTree(manifestFile.toFile());
            Path dir = siteDir(targetDir);
            String html = render(manifest, targetDir, Files.isRegularFile(dir.resolve(REPORT_PAGE)));
            Files.createDirectories(dir);
            Path page = dir.resolve("index.html");
            Path tmp = dir.resolve("index.html.tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(JsonNode manifest, Path targetDir, boolean reportExists) throws IOException {
        SiteModel model = SiteModel.read(manifest, targetDir);
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("project", model.metadata.getOrDefault("project", "segflow project"));
        ctx.put("metadata", model.metadata);
        ctx.put("groups", model.groups);
        ctx.put("items", new ArrayList<>(model.items.values()));
        ctx.put("report_page", reportExists ? REPORT_PAGE : null);
        ctx.put("styles", resource("site.css"));
        ctx.put("scripts", resource("site.js") + "\n" + resource("graph.js"));
        ctx.put("data", scriptJson(data(model, manifest)));
        Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().withNestedInterpretationEnabled(false).build());
        // Documented SQL is itself a Jinja template: it is shown, never interpreted (nested interpretation off).
        return jinjava.render(resource("index.html.jinja"), ctx);
    }

    /** What the scripts need: the DAG, the column lineage and the search index. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(SiteModel model, JsonNode manifest) {
        List<Map<String, Object>> dag = new ArrayList<>();
        List<Map<String, Object>> search = new ArrayList<>();
        for (Map<String, Object> item : model.items.values()) {
            List<Map<String, Object>> columns = (List<Map<String, Object>>) item.get("columns");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("anchor", item.get("anchor"));
            entry.put("name", item.get("name"));
            entry.put("kind", item.get("kind"));
            entry.put("description", item.get("description") == null ? "" : item.get("description"));
            entry.put("columns", columns.stream().map(c -> (String) c.get("name")).toList());
            search.add(entry);
            if ("test".equals(item.get("kind"))) continue;
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", item.get("id"));
            node.put("anchor", item.get("anchor"));
            node.put("name", item.get("name"));
            node.put("kind", item.get("kind"));
            node.put("parents", item.get("parents"));
            dag.add(node);
        }
        Map<String, Object> anchors = new LinkedHashMap<>();
        model.items.forEach((id, item) -> anchors.put(id, item.get("anchor")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dag", dag);
        out.put("search", search);
        out.put("anchors", anchors);
        out.put("lineage", model.lineage(manifest));
        return out;
    }

    /** JSON safe inside a script element: no "</script>" or "<!--" can appear, JSON.parse reads it unchanged. */
    private static String scriptJson(Object value) throws IOException {
        return JSON.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DocsSite.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
