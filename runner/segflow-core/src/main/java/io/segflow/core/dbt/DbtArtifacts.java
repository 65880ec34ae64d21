package io.segflow.core.dbt;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.ColumnSpec;
import io.segflow.core.project.SourceTable;
import io.segflow.core.project.YamlFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The {@code dbt:} block of segflow_project.yml: reads a dbt project's {@code manifest.json} (and
 * {@code catalog.json} when present) and turns every dbt model, seed and snapshot into a source
 * {@code source('dbt', name)} that {@code ref(name)} also reaches, and every dbt source into
 * {@code source(source_name, name)}. Column types come from the catalog (what the warehouse reported), else from
 * the manifest's {@code data_type}s (contracts); descriptions, tags and {@code depends_on} are kept.
 */
public final class DbtArtifacts {
    /** The source name dbt models, seeds and snapshots are read under. */
    public static final String SOURCE_NAME = "dbt";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RELATION_TYPES = List.of("model", "seed", "snapshot");

    private final Path root;
    private final Diagnostics diags;

    private DbtArtifacts(Path root, Diagnostics diags) {
        this.root = root;
        this.diags = diags;
    }

    /**
     * The relations of the dbt project named by {@code block} (the {@code dbt:} mapping of {@code file});
     * problems are reported to {@code diags} and yield no relations.
     */
    public static List<SourceTable> read(Path root, YamlFile file, Node block, Diagnostics diags) {
        return new DbtArtifacts(root, diags).read(file, block);
    }

    /** Adds the dbt relations to the declared sources; a name declared in both is an error at the declaration. */
    public static void addTo(List<SourceTable> declared, List<SourceTable> dbt, Diagnostics diags) {
        for (SourceTable t : dbt) {
            Optional<SourceTable> clash = declared.stream()
                    .filter(s -> s.source().equals(t.source()) && s.table().equals(t.table())).findFirst();
            if (clash.isPresent()) {
                diags.error(ErrorCode.DUPLICATE_NAME, clash.get().position(), "source " + t.source() + "." + t.table()
                        + " is declared here and also read from the dbt manifest (" + t.position() + ")",
                        "remove this declaration; the dbt manifest already gives its columns");
            } else {
                declared.add(t);
            }
        }
    }

    private List<SourceTable> read(YamlFile file, Node block) {
        Node manifestNode = YamlFile.get(block, "manifest").orElse(null);
        String manifestText = YamlFile.scalarText(manifestNode);
        if (manifestText == null) return List.of(); // the schema reported the missing key
        Path manifestPath = root.resolve(manifestText).normalize();
        Optional<JsonNode> manifest = parse(manifestPath, file.pos(manifestNode));
        if (manifest.isEmpty()) return List.of();
        if (!manifest.get().path("nodes").isObject() || !manifest.get().path("metadata").isObject()) {
            diags.error(ErrorCode.DBT_ARTIFACT, file.pos(manifestNode), shown(manifestPath)
                    + " is not a dbt manifest (no 'metadata' and 'nodes')", "point manifest: at <dbt project>/target/manifest.json");
            return List.of();
        }
        Node catalogNode = YamlFile.get(block, "catalog").orElse(null);
        Path catalogPath = catalogNode == null ? manifestPath.resolveSibling("catalog.json")
                : root.resolve(YamlFile.scalarText(catalogNode)).normalize();
        JsonNode catalog = null;
        if (catalogNode != null || Files.isRegularFile(catalogPath)) {
            catalog = parse(catalogPath, catalogNode == null ? file.pos(manifestNode) : file.pos(catalogNode)).orElse(null);
        }
        Node dirNode = YamlFile.get(block, "project_dir").orElse(null);
        Path projectDir = dirNode != null ? root.resolve(YamlFile.scalarText(dirNode)).normalize()
                : manifestPath.getParent() == null || manifestPath.getParent().getParent() == null
                ? root : manifestPath.getParent().getParent();
        boolean withDatabase = YamlFile.bool(block, "include_database", false);
        return new Relations(projectDir, withDatabase, catalog).of(manifest.get(), file.pos(manifestNode));
    }

    private Optional<JsonNode> parse(Path file, SourcePosition namedAt) {
        if (!Files.isRegularFile(file)) {
            diags.error(ErrorCode.MISSING_FILE, namedAt, "dbt artifact " + shown(file) + " not found",
                    "run `dbt parse` (manifest.json) or `dbt docs generate` (catalog.json) in the dbt project first");
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            SourcePosition pos = at == null ? SourcePosition.of(shown(file))
                    : new SourcePosition(shown(file), Math.max(at.getLineNr(), 1), Math.max(at.getColumnNr(), 1));
            diags.error(ErrorCode.DBT_ARTIFACT, pos, "invalid JSON in dbt artifact: " + e.getOriginalMessage(),
                    "regenerate it with dbt");
            return Optional.empty();
        } catch (IOException e) {
            diags.error(ErrorCode.MISSING_FILE, namedAt, "cannot read " + shown(file) + ": " + e.getMessage(), null);
            return Optional.empty();
        }
    }

    private Path shown(Path absolute) {
        return absolute.startsWith(root) ? root.relativize(absolute) : absolute;
    }

    /** Builds the relations of one manifest. */
    private final class Relations {
        private final Path projectDir;
        private final boolean withDatabase;
        private final JsonNode catalog;

        Relations(Path projectDir, boolean withDatabase, JsonNode catalog) {
            this.projectDir = projectDir;
            this.withDatabase = withDatabase;
            this.catalog = catalog;
        }

        List<SourceTable> of(JsonNode manifest, SourcePosition manifestAt) {
            Map<String, String> idOf = new LinkedHashMap<>();
            List<JsonNode> kept = new ArrayList<>();
            for (JsonNode n : manifest.path("nodes")) {
                String type = n.path("resource_type").asText();
                if (!RELATION_TYPES.contains(type) || "ephemeral".equals(n.path("config").path("materialized").asText())) {
                    continue;
                }
                String id = "source." + SOURCE_NAME + "." + n.path("name").asText();
                if (idOf.containsValue(id)) {
                    diags.warning(ErrorCode.DUPLICATE_NAME, manifestAt, "dbt has two relations named '"
                            + n.path("name").asText() + "'; " + n.path("unique_id").asText() + " is not readable with ref()",
                            "give it a different name or alias in dbt");
                    continue;
                }
                idOf.put(n.path("unique_id").asText(), id);
                kept.add(n);
            }
            for (JsonNode s : manifest.path("sources")) {
                idOf.put(s.path("unique_id").asText(), "source." + s.path("source_name").asText() + "." + s.path("name").asText());
                kept.add(s);
            }
            List<SourceTable> out = new ArrayList<>();
            for (JsonNode n : kept) {
                boolean isSource = "source".equals(n.path("resource_type").asText());
                List<String> upstream = new ArrayList<>();
                for (JsonNode dep : n.path("depends_on").path("nodes")) {
                    String up = idOf.get(dep.asText());
                    if (up != null) upstream.add(up);
                }
                String identifier = isSource ? text(n, "identifier", n.path("name").asText()) : text(n, "alias", n.path("name").asText());
                SourcePosition at = position(n, manifestAt);
                List<ColumnSpec> columns = columns(n, isSource ? "sources" : "nodes", at);
                if (columns.isEmpty() || columns.stream().anyMatch(c -> c.type() == null)) {
                    diags.warning(ErrorCode.DBT_ARTIFACT, at, "dbt " + n.path("resource_type").asText() + " '"
                            + n.path("name").asText() + "' has no column types in catalog.json or data_type in the "
                            + "manifest; segflow cannot read it", "run `dbt docs generate` after building it");
                    continue;
                }
                out.add(new SourceTable(isSource ? n.path("source_name").asText() : SOURCE_NAME, n.path("name").asText(),
                        withDatabase ? text(n, "database", null) : null, text(n, "schema", null), identifier,
                        text(n, "description", null), columns, List.of(), at, strings(n.path("tags")), upstream));
            }
            return out;
        }

        /** Catalog columns (in warehouse order) described by the manifest; else the manifest's typed columns. */
        private List<ColumnSpec> columns(JsonNode node, String catalogSection, SourcePosition at) {
            JsonNode declared = node.path("columns");
            JsonNode fromCatalog = catalog == null ? null : catalog.path(catalogSection).path(node.path("unique_id").asText()).get("columns");
            List<ColumnSpec> out = new ArrayList<>();
            if (fromCatalog != null && fromCatalog.isObject() && !fromCatalog.isEmpty()) {
                List<JsonNode> cols = new ArrayList<>();
                fromCatalog.forEach(cols::add);
                cols.sort(Comparator.comparingInt(c -> c.path("index").asInt()));
                for (JsonNode c : cols) {
                    String name = c.path("name").asText();
                    out.add(new ColumnSpec(name, c.path("type").asText(null), description(declared, name), false, List.of(), at));
                }
                return out;
            }
            for (JsonNode c : declared) {
                out.add(new ColumnSpec(c.path("name").asText(), text(c, "data_type", null), text(c, "description", null),
                        false, List.of(), at));
            }
            return out;
        }

        private SourcePosition position(JsonNode node, SourcePosition manifestAt) {
            String file = text(node, "original_file_path", null);
            if (file == null) return manifestAt;
            return SourcePosition.of(shown(projectDir.resolve(file).normalize()));
        }
    }

    private static String description(JsonNode declared, String column) {
        for (JsonNode c : declared) {
            if (c.path("name").asText().equalsIgnoreCase(column)) return text(c, "description", null);
        }
        return null;
    }

    private static String text(JsonNode node, String field, String dflt) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? dflt : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }
}
