package io.segflow.core.project;

import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads experiments/*.yml: the {@code experiments:} list and an optional {@code global_holdout:} (one per project).
 * Only the schema and unique names are checked here; the experiments module checks the rest with positions.
 */
final class ExperimentsReader {
    static final String FOLDER = "experiments";
    private static final SchemaValidator SCHEMA = SchemaValidator.load("experiments.schema.json");

    private final LoadContext ctx;
    final List<ExperimentSpec> experiments = new ArrayList<>();

    ExperimentsReader(LoadContext ctx) {
        this.ctx = ctx;
    }

    void read(Path relative) {
        Optional<YamlFile> parsed = ctx.parseAndValidate(ctx.root().resolve(relative), SCHEMA);
        if (parsed.isEmpty()) return;
        YamlFile file = parsed.get();
        YamlFile.get(file.root(), ExperimentSpec.GLOBAL_HOLDOUT).ifPresent(h -> add(file, relative, h,
                ExperimentSpec.GLOBAL_HOLDOUT, file.pos(h)));
        for (Node item : YamlFile.items(file.root(), "experiments")) {
            Optional<Node> nameNode = YamlFile.get(item, "name");
            String name = nameNode.map(YamlFile::scalarText).orElse(null);
            if (ExperimentSpec.GLOBAL_HOLDOUT.equals(name)) {
                ctx.diags().error(ErrorCode.EXPERIMENT, file.pos(nameNode.get()), "the experiment name '" + name
                        + "' is reserved for the global holdout", "rename the experiment");
            } else if (name != null) {
                add(file, relative, item, name, file.pos(nameNode.get()));
            }
        }
    }

    private void add(YamlFile file, Path relative, Node node, String name, SourcePosition namePos) {
        if (!(YamlFile.toJava(node) instanceof Map<?, ?> raw)) return;
        Optional<ExperimentSpec> previous = experiments.stream().filter(s -> s.name().equals(name)).findFirst();
        if (previous.isPresent()) {
            boolean holdout = name.equals(ExperimentSpec.GLOBAL_HOLDOUT);
            ctx.diags().error(holdout ? ErrorCode.EXPERIMENT : ErrorCode.DUPLICATE_NAME, namePos,
                    (holdout ? "a second global_holdout" : "experiment '" + name + "' is defined twice")
                            + " (first at " + previous.get().position() + ")",
                    holdout ? "a project has one global holdout, shared by all experiments" : "experiment names must be unique");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        raw.forEach((k, v) -> body.put(String.valueOf(k), v));
        Map<String, SourcePosition> positions = new LinkedHashMap<>();
        SegmentsReader.collectPositions(file, node, "", positions);
        experiments.add(new ExperimentSpec(name, relative, body, positions, file.pos(node)));
    }
}
