package io.segflow.core.project;

import io.segflow.core.diagnostic.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads the project's profile from profiles.yml (project root first, then the user's profiles folder).
 * Without any profiles.yml the project gets one implicit DuckDB target {@code dev}.
 */
final class ProfilesReader {
    static final String PROFILES_FILE = "profiles.yml";
    /** The warehouse type of the implicit {@code dev} target of a project without profiles.yml (a local file). */
    public static final String DEFAULT_TARGET_TYPE = "duckdb";
    private static final SchemaValidator SCHEMA = SchemaValidator.load("profiles.schema.json");

    record Result(Map<String, TargetSpec> targets, String defaultTarget) {
    }

    private ProfilesReader() {
    }

    static Result read(LoadContext ctx, ProjectConfig config, Path userProfilesDir) {
        Optional<Path> location = locate(ctx.root(), userProfilesDir);
        if (location.isEmpty()) {
            String db = config.targetPath().replaceAll("/+$", "") + "/dev." + DEFAULT_TARGET_TYPE;
            TargetSpec dev = new TargetSpec("dev", DEFAULT_TARGET_TYPE, Map.of("path", db), null);
            return new Result(Map.of("dev", dev), "dev");
        }
        Optional<YamlFile> parsed = ctx.parseAndValidate(location.get(), SCHEMA);
        if (parsed.isEmpty()) return new Result(Map.of(), null);
        YamlFile file = parsed.get();
        Optional<Node> profile = YamlFile.get(file.root(), config.profile());
        if (profile.isEmpty()) {
            List<String> names = keys(file.root());
            String hint = Suggestions.didYouMean(config.profile(), names);
            if (hint == null) {
                hint = names.isEmpty() ? "add a profile named '" + config.profile() + "'"
                        : "profiles defined: " + String.join(", ", names) + "; set 'profile:' in segflow_project.yml";
            }
            ctx.diags().error(ErrorCode.MISSING_KEY, file.pos(file.root()),
                    "no profile '" + config.profile() + "' in " + file.file(), hint);
            return new Result(Map.of(), null);
        }
        Map<String, TargetSpec> targets = new LinkedHashMap<>();
        Node outputs = YamlFile.get(profile.get(), "outputs").orElse(null);
        if (outputs instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                String name = YamlFile.scalarText(t.getKeyNode());
                Node out = t.getValueNode();
                String type = YamlFile.string(out, "type", null);
                if (name == null || type == null || !(YamlFile.toJava(out) instanceof Map<?, ?> raw)) continue;
                Map<String, Object> settings = new LinkedHashMap<>();
                raw.forEach((k, v) -> {
                    if (!"type".equals(k)) settings.put(String.valueOf(k), v);
                });
                targets.put(name, new TargetSpec(name, type, settings, file.pos(t.getKeyNode())));
            }
        }
        Optional<Node> targetNode = YamlFile.get(profile.get(), "target");
        String target = targetNode.map(YamlFile::scalarText).orElse(null);
        if (target != null && outputs instanceof MappingNode && !targets.containsKey(target)) {
            List<String> names = new ArrayList<>(targets.keySet());
            String hint = Suggestions.didYouMean(target, names);
            ctx.diags().error(ErrorCode.INVALID_VALUE, file.pos(targetNode.get()),
                    "default target '" + target + "' is not one of the profile's outputs",
                    hint != null ? hint : "outputs defined: " + String.join(", ", names));
        }
        return new Result(targets, target);
    }

    private static Optional<Path> locate(Path root, Path userProfilesDir) {
        Path inProject = root.resolve(PROFILES_FILE);
        if (Files.isRegularFile(inProject)) return Optional.of(inProject);
        if (userProfilesDir != null) {
            Path user = userProfilesDir.resolve(PROFILES_FILE);
            if (Files.isRegularFile(user)) return Optional.of(user);
        }
        return Optional.empty();
    }

    private static List<String> keys(Node node) {
        List<String> out = new ArrayList<>();
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                String k = YamlFile.scalarText(t.getKeyNode());
                if (k != null) out.add(k);
            }
        }
        return out;
    }
}
