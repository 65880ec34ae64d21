package io.segflow.core.project;

import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.seed.CsvOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/** Joins CSV files under the seed paths with the {@code seeds:} entries of the YAML properties files. */
final class SeedsReader {
    private SeedsReader() {
    }

    static List<Seed> read(LoadContext ctx, ProjectConfig config, PropertiesReader properties, List<Feature> features) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Path csv : ctx.files(config.seedPaths(), ".csv")) {
            String name = LoadContext.baseName(csv);
            Path first = files.putIfAbsent(name, csv);
            if (first != null) {
                ctx.diags().error(ErrorCode.DUPLICATE_NAME, SourcePosition.of(csv), "seed '" + name
                        + "' is defined twice: " + first + " and " + csv, "rename one of the files");
            }
        }
        List<Seed> seeds = new ArrayList<>();
        for (PropertiesReader.FeatureProperties props : properties.seeds.values()) {
            Node node = props.node();
            String path = YamlFile.string(node, "path", null);
            Path file;
            if (path != null) {
                file = Path.of(path);
                if (!Files.isRegularFile(ctx.root().resolve(file))) {
                    ctx.diags().error(ErrorCode.MISSING_FILE, props.file().pos(YamlFile.get(node, "path").orElseThrow()),
                            "seed file '" + path + "' does not exist", "paths are relative to the project root");
                    continue;
                }
                if (files.containsKey(props.name())) {
                    ctx.diags().error(ErrorCode.DUPLICATE_NAME, props.namePosition(), "seed '" + props.name()
                            + "' has a path and also a file " + files.get(props.name()), "remove one of the two");
                    continue;
                }
            } else {
                file = files.get(props.name());
                if (file == null) {
                    String hint = Suggestions.didYouMean(props.name(), files.keySet());
                    ctx.diags().error(ErrorCode.MISSING_FILE, props.namePosition(), "seed '" + props.name()
                            + "' has properties but no CSV file", hint != null ? hint
                            : "add " + config.seedPaths().get(0) + "/" + props.name() + ".csv or give a path:");
                    continue;
                }
            }
            seeds.add(seed(ctx, config, props.name(), file, props));
            files.remove(props.name());
        }
        files.forEach((name, file) -> seeds.add(seed(ctx, config, name, file, null)));
        for (Seed s : seeds) {
            features.stream().filter(f -> f.name().equals(s.name())).findFirst().ifPresent(f ->
                    ctx.diags().error(ErrorCode.DUPLICATE_NAME, s.position(), "seed '" + s.name()
                            + "' has the same name as feature " + f.path(), "rename one; ref() names are shared"));
        }
        seeds.sort((a, b) -> a.name().compareTo(b.name()));
        return seeds;
    }

    private static Seed seed(LoadContext ctx, ProjectConfig config, String name, Path file,
                             PropertiesReader.FeatureProperties props) {
        Node node = props == null ? null : props.node();
        Map<String, String> types = stringMap(node, "column_types");
        Map<String, String> formats = stringMap(node, "formats");
        CsvOptions csv = CsvOptions.defaults();
        if (props != null) {
            csv = SeedOptionsReader.csvOptions(ctx.diags(), props.file(), node);
            SeedOptionsReader.checkTypes(ctx.diags(), props.file(), node, types);
            SeedOptionsReader.checkFormats(ctx.diags(), props.file(), node, formats);
        }
        return new Seed(name, file, YamlFile.string(node, "schema", config.schema()), csv, types, formats,
                YamlFile.string(node, "description", null),
                props == null ? List.of() : new PropertiesReader(ctx).columns(props.file(), node),
                props == null ? List.of() : TestSpecReader.read(props.file(), node, "tests", false, ctx.diags()),
                props == null ? SourcePosition.of(file) : props.namePosition());
    }

    private static Map<String, String> stringMap(Node node, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        Node map = node == null ? null : YamlFile.get(node, key).orElse(null);
        if (map instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String k = YamlFile.scalarText(t.getKeyNode());
                String v = YamlFile.scalarText(t.getValueNode());
                if (k != null && v != null) out.put(k, v);
            }
        }
        return out;
    }
}
