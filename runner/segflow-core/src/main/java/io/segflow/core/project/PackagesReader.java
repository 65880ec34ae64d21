package io.segflow.core.project;

import io.segflow.core.diagnostic.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads dbt's {@code packages.yml} (or {@code dependencies.yml}): each {@code - local: <folder>} package's macros
 * become callable as {@code <package name>.<macro>} (the name from the package's {@code dbt_project.yml}, else
 * the folder name; its {@code macro-paths}, else {@code macros/}). Builds never touch the network, so
 * {@code git:}, {@code package:} (hub) and {@code tarball:} entries are positioned errors asking to vendor them.
 */
final class PackagesReader {
    static final List<String> FILES = List.of("packages.yml", "dependencies.yml");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private PackagesReader() {
    }

    static List<MacroFile> read(LoadContext ctx) {
        List<MacroFile> out = new ArrayList<>();
        for (String name : FILES) {
            Path file = ctx.root().resolve(name);
            if (!Files.isRegularFile(file)) continue;
            ctx.parse(file).ifPresent(yaml -> {
                Node list = YamlFile.get(yaml.root(), "packages").orElse(null);
                if (list != null && !(list instanceof SequenceNode)) {
                    ctx.diags().error(ErrorCode.WRONG_TYPE, yaml.pos(list), "packages: must be a list", "- local: packages/my_package");
                    return;
                }
                for (Node item : YamlFile.items(yaml.root(), "packages")) readOne(ctx, yaml, item, out);
            });
        }
        return out;
    }

    private static void readOne(LoadContext ctx, YamlFile yaml, Node item, List<MacroFile> out) {
        String local = YamlFile.string(item, "local", null);
        if (local == null) {
            String kind = item instanceof MappingNode m && !m.getValue().isEmpty()
                    ? YamlFile.scalarText(m.getValue().get(0).getKeyNode()) : null;
            String what = kind == null ? "" : " (" + kind + ": " + YamlFile.string(item, kind, "") + ")";
            ctx.diags().error(ErrorCode.PACKAGE, yaml.pos(item), "package entry" + what
                            + " would be fetched over the network; segflow builds offline and reads only local: packages",
                    "vendor it into the project (download it once, e.g. with `dbt deps`) and list it as `- local: <folder>`");
            return;
        }
        Node at = YamlFile.get(item, "local").orElse(item);
        Path dir = ctx.root().resolve(local).normalize();
        if (!Files.isDirectory(dir)) {
            ctx.diags().error(ErrorCode.MISSING_FILE, yaml.pos(at), "local package folder '" + local + "' does not exist",
                    "the path is relative to the project folder");
            return;
        }
        String name = dir.getFileName() == null ? local : dir.getFileName().toString();
        List<String> macroPaths = List.of("macros");
        Path projectFile = dir.resolve("dbt_project.yml");
        if (Files.isRegularFile(projectFile)) {
            Optional<YamlFile> pkg = ctx.parse(projectFile);
            if (pkg.isPresent()) {
                name = YamlFile.string(pkg.get().root(), "name", name);
                if (YamlFile.get(pkg.get().root(), "macro-paths").filter(SequenceNode.class::isInstance).isPresent()) {
                    macroPaths = YamlFile.stringList(pkg.get().root(), "macro-paths");
                }
            }
        }
        if (!NAME.matcher(name).matches()) {
            ctx.diags().error(ErrorCode.PACKAGE, yaml.pos(at), "package name '" + name + "' is not a valid name",
                    "set name: in the package's dbt_project.yml to letters, digits and '_'");
            return;
        }
        List<String> folders = macroPaths.stream().map(p -> ctx.root().relativize(dir.resolve(p)).toString()).toList();
        for (Path p : ctx.files(folders, ".sql")) {
            String pkgName = name;
            ctx.readText(p).ifPresent(text -> out.add(new MacroFile(p, text, pkgName)));
        }
    }
}
