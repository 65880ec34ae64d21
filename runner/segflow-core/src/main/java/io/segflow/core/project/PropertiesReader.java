package io.segflow.core.project;

import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code sources:} and {@code features:} from the YAML files under the feature paths. */
final class PropertiesReader {
    private static final SchemaValidator SCHEMA = SchemaValidator.load("properties.schema.json");

    /** The YAML half of a feature, before it is joined with its SQL file. */
    record FeatureProperties(String name, YamlFile file, Node node, SourcePosition namePosition) {
    }

    private final LoadContext ctx;
    final List<SourceTable> sources = new ArrayList<>();
    final Map<String, FeatureProperties> features = new LinkedHashMap<>();
    final Map<String, FeatureProperties> seeds = new LinkedHashMap<>();

    PropertiesReader(LoadContext ctx) {
        this.ctx = ctx;
    }

    void read(Path relative) {
        Optional<YamlFile> parsed = ctx.parseAndValidate(ctx.root().resolve(relative), SCHEMA);
        if (parsed.isEmpty()) return;
        YamlFile file = parsed.get();
        for (Node source : YamlFile.items(file.root(), "sources")) readSource(file, source);
        readNamed(file, "features", "feature", features);
        readNamed(file, "models", "model", features); // dbt's name for the same thing
        readNamed(file, "seeds", "seed", seeds);
    }

    private void readNamed(YamlFile file, String key, String noun, Map<String, FeatureProperties> into) {
        for (Node item : YamlFile.items(file.root(), key)) {
            Optional<Node> nameNode = YamlFile.get(item, "name");
            String name = nameNode.map(YamlFile::scalarText).orElse(null);
            if (name == null || !(item instanceof MappingNode)) continue;
            SourcePosition pos = file.pos(nameNode.get());
            FeatureProperties previous = into.get(name);
            if (previous != null) {
                ctx.diags().error(ErrorCode.DUPLICATE_NAME, pos, "properties of " + noun + " '" + name
                        + "' are written twice (first at " + previous.namePosition() + ")", "merge the two entries");
                continue;
            }
            into.put(name, new FeatureProperties(name, file, item, pos));
        }
    }

    private void readSource(YamlFile file, Node source) {
        String sourceName = YamlFile.string(source, "name", null);
        if (sourceName == null) return;
        String schema = YamlFile.string(source, "schema", sourceName);
        String database = YamlFile.string(source, "database", null);
        for (Node table : YamlFile.items(source, "tables")) {
            Optional<Node> nameNode = YamlFile.get(table, "name");
            String tableName = nameNode.map(YamlFile::scalarText).orElse(null);
            if (tableName == null) continue;
            SourcePosition pos = file.pos(table);
            Optional<SourceTable> previous = sources.stream()
                    .filter(s -> s.source().equals(sourceName) && s.table().equals(tableName)).findFirst();
            if (previous.isPresent()) {
                ctx.diags().error(ErrorCode.DUPLICATE_NAME, file.pos(nameNode.get()), "source table '" + sourceName
                        + "." + tableName + "' is declared twice (first at " + previous.get().position() + ")", null);
                continue;
            }
            sources.add(new SourceTable(sourceName, tableName, database, schema,
                    YamlFile.string(table, "identifier", tableName), YamlFile.string(table, "description", null),
                    columns(file, table), TestSpecReader.read(file, table, "tests", false, ctx.diags()), pos));
        }
    }

    List<ColumnSpec> columns(YamlFile file, Node owner) {
        List<ColumnSpec> out = new ArrayList<>();
        for (Node column : YamlFile.items(owner, "columns")) {
            String name = YamlFile.string(column, "name", null);
            if (name == null) continue;
            out.add(new ColumnSpec(name, YamlFile.string(column, "type", YamlFile.string(column, "data_type", null)),
                    YamlFile.string(column, "description", null), YamlFile.bool(column, "pii", false),
                    TestSpecReader.read(file, column, "tests", false, ctx.diags()), file.pos(column)));
        }
        return out;
    }

    /** dbt's {@code config: contract: enforced: true} on a feature (or model). */
    static boolean contractEnforced(Node featureNode) {
        Node cfg = featureNode == null ? null : YamlFile.get(featureNode, "config").orElse(null);
        return YamlFile.bool(YamlFile.get(cfg, "contract").orElse(null), "enforced", false);
    }

    /** Project defaults overlaid with the feature's {@code config:} mapping. */
    static FeatureConfig config(ProjectConfig project, Node featureNode) {
        Node cfg = featureNode == null ? null : YamlFile.get(featureNode, "config").orElse(null);
        return new FeatureConfig(
                YamlFile.string(cfg, "materialized", project.defaultMaterialized()),
                YamlFile.string(cfg, "schema", project.schema()),
                YamlFile.string(cfg, "alias", null),
                YamlFile.stringList(cfg, "unique_key"),
                YamlFile.string(cfg, "entity_key", null),
                YamlFile.stringList(cfg, "tags"),
                YamlFile.bool(cfg, "enabled", true));
    }
}
