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
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads {@code segments:} lists from the YAML files under the segment paths. Only the keys common to all
 * segment types are checked here; the whole definition is kept in {@link SegmentSpec#body()} with the
 * position of every value so the segment package can report its own errors precisely.
 */
final class SegmentsReader {
    private static final SchemaValidator SCHEMA = SchemaValidator.load("segments.schema.json");
    private static final SchemaValidator AUDIENCES_SCHEMA = SchemaValidator.load("audiences.schema.json");
    /** Folder of audience sets ({@code audiences:} lists), each read as a segmentation of this type. */
    static final String AUDIENCES_DIR = "audiences";
    static final String AUDIENCES_TYPE = "audiences";

    private final LoadContext ctx;
    final List<SegmentSpec> segments = new ArrayList<>();

    SegmentsReader(LoadContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Reads the {@code audiences:} list of a file under audiences/: each audience set is a segmentation of type
     * {@code audiences} (planned by the segflow-audiences module), so it shares the membership store and tests.
     */
    void readAudiences(Path relative) {
        read(relative, AUDIENCES_SCHEMA, "audiences", AUDIENCES_TYPE);
    }

    void read(Path relative) {
        read(relative, SCHEMA, "segments", null);
    }

    private void read(Path relative, SchemaValidator schema, String listKey, String fixedType) {
        Optional<YamlFile> parsed = ctx.parseAndValidate(ctx.root().resolve(relative), schema);
        if (parsed.isEmpty()) return;
        YamlFile file = parsed.get();
        for (Node item : YamlFile.items(file.root(), listKey)) {
            Optional<Node> nameNode = YamlFile.get(item, "name");
            String name = nameNode.map(YamlFile::scalarText).orElse(null);
            String type = fixedType != null ? fixedType : YamlFile.string(item, "type", null);
            if (name == null || type == null || !(YamlFile.toJava(item) instanceof Map<?, ?> raw)) continue;
            Optional<SegmentSpec> previous = segments.stream().filter(s -> s.name().equals(name)).findFirst();
            if (previous.isPresent()) {
                ctx.diags().error(ErrorCode.DUPLICATE_NAME, file.pos(nameNode.get()), "segment '" + name
                        + "' is defined twice (first at " + previous.get().positionOf("name") + ")",
                        "segment names must be unique across all segment files");
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            raw.forEach((k, v) -> body.put(String.valueOf(k), v));
            Map<String, SourcePosition> positions = new LinkedHashMap<>();
            collectPositions(file, item, "", positions);
            segments.add(new SegmentSpec(name, type, relative, body, positions,
                    TestSpecReader.read(file, item, "tests", true, ctx.diags()), file.pos(item)));
        }
    }

    /** Records "key", "key.0", "key.0.sub", ... for every value below {@code node}. */
    static void collectPositions(YamlFile file, Node node, String prefix, Map<String, SourcePosition> out) {
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                String key = YamlFile.scalarText(t.getKeyNode());
                if (key == null) continue;
                String path = prefix.isEmpty() ? key : prefix + "." + key;
                out.putIfAbsent(path, file.pos(t.getValueNode()));
                textStart(file, t.getValueNode(), path, out);
                collectPositions(file, t.getValueNode(), path, out);
            }
        } else if (node instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                String path = prefix + "." + i;
                out.putIfAbsent(path, file.pos(items.get(i)));
                textStart(file, items.get(i), path, out);
                collectPositions(file, items.get(i), path, out);
            }
        }
    }

    /** Where a quoted scalar's text starts (after the quote), so nothing reads the file again to find it. */
    private static void textStart(YamlFile file, Node node, String path, Map<String, SourcePosition> out) {
        if (node instanceof ScalarNode scalar && (scalar.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED
                || scalar.getScalarStyle() == ScalarStyle.SINGLE_QUOTED)) {
            SourcePosition p = file.pos(node);
            out.putIfAbsent(path + SegmentSpec.TEXT, p.at(p.line(), p.column() + 1));
        }
    }
}
