package io.segflow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Places a docs example into a project it can be compiled in: the fixture (default: a copy of the repository's
 * example project; {@code fixture=NAME} picks src/test/resources/docs-examples/NAME), then the example as the file
 * its kind names, wrapped in the YAML a fragment needs around it.
 */
final class DocsExampleProject {
    /** kind: file written, YAML before the block, indentation of the block inside it. */
    private record Wrap(String file, String before, int indent) {
    }

    private static final String RULES_SEGMENT = """
            segments:
              - name: docs_example
                type: rules
                from: customer_features
                rules:
                  - {name: new, when: "tenure_days <= 90"}
                else: other
            """;
    private static final Map<String, Wrap> WRAPS = Map.ofEntries(
            Map.entry("project", new Wrap("segflow_project.yml", "", 0)),
            Map.entry("profiles", new Wrap("profiles.yml", "", 0)),
            Map.entry("profile-outputs", new Wrap("profiles.yml", """
                    docs_example:
                      target: dev
                      outputs:
                        dev: {type: duckdb, path: target/dev.duckdb}
                    """, 4)),
            Map.entry("properties", new Wrap("features/%s.yml", "", 0)),
            Map.entry("seeds", new Wrap("seeds/docs_example.yml", "", 0)),
            Map.entry("column-tests", new Wrap("features/docs_example.yml", """
                    features:
                      - name: %s
                        columns:
                          - name: %s
                    """, 8)),
            Map.entry("feature", new Wrap("features/%s.sql", "", 0)),
            Map.entry("file", new Wrap("%s", "", 0)),
            Map.entry("segments", new Wrap("segments/%s.yml", "", 0)),
            Map.entry("segment", new Wrap("segments/docs_example.yml", "segments:\n", 2)),
            Map.entry("segment-keys", new Wrap("segments/docs_example.yml", RULES_SEGMENT, 4)),
            Map.entry("segment-tests", new Wrap("segments/docs_example.yml", RULES_SEGMENT + "    tests:\n", 6)),
            Map.entry("rfm-keys", new Wrap("segments/docs_example.yml", """
                    segments:
                      - name: docs_example
                        type: rfm
                        from: stg_orders
                        customer: customer_id
                        date: order_date
                        amount: net_amount
                        analysis_date: "2024-12-31"
                    """, 4)));
    private static final Pattern PROFILE = Pattern.compile("(?m)^profile:\\s*['\"]?([A-Za-z0-9_]+)");
    private static final Pattern FIRST_KEY = Pattern.compile("(?m)^([A-Za-z0-9_]+):");

    private DocsExampleProject() {
    }

    static boolean knows(String kind) {
        return WRAPS.containsKey(kind) || "external".equals(kind);
    }

    static String kinds() {
        return WRAPS.keySet().stream().sorted().collect(Collectors.joining(", ")) + ", external";
    }

    /** Writes the project holding {@code example} into {@code dir} and returns it. */
    static Path place(DocsExample example, Path dir) throws IOException {
        Wrap wrap = WRAPS.get(example.kind());
        boolean standalone = wrap.file().equals("segflow_project.yml") || wrap.file().equals("profiles.yml");
        String fixture = example.options().getOrDefault("fixture", standalone ? "none" : "shop");
        if (fixture.equals("shop")) CliRunner.copyExample(dir, 200);
        else if (!fixture.equals("none")) copy(fixtureDir(fixture), dir);
        Files.createDirectories(dir);
        String[] on = example.options().getOrDefault("on", "customer_orders.customer_id").split("\\.", 2);
        String file = example.kind().equals("file")
                ? requirePath(example)
                : wrap.file().formatted(example.options().getOrDefault("name", "docs_example"));
        String text = wrap.before().formatted(on[0], on.length > 1 ? on[1] : "") + indent(example.text(), wrap.indent());
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
        if (wrap.file().equals("segflow_project.yml")) {
            Matcher m = PROFILE.matcher(text);
            String profile = m.find() ? m.group(1) : "docs_example";
            Files.writeString(dir.resolve("profiles.yml"), profile + ":\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: target/dev.duckdb}\n");
        } else if (wrap.file().equals("profiles.yml")) {
            Matcher m = FIRST_KEY.matcher(text);
            String profile = m.find() ? m.group(1) : "docs_example";
            Files.writeString(dir.resolve("segflow_project.yml"), "name: docs_example\nversion: \"1.0\"\nprofile: " + profile + "\n");
        }
        return dir;
    }

    private static String requirePath(DocsExample example) {
        String path = example.options().get("path");
        if (path == null || path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException(example.where() + ": segflow:file needs path=RELATIVE/PATH in the project");
        }
        return path;
    }

    private static Path fixtureDir(String name) {
        Path dir = CliRunner.repoRoot().resolve("runner/segflow-cli/src/test/resources/docs-examples").resolve(name);
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no docs example fixture " + dir);
        return dir;
    }

    /** Re-indents a block to {@code indent} spaces, keeping its relative indentation. */
    private static String indent(String block, int indent) {
        String[] lines = block.split("\n", -1);
        int common = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) common = Math.min(common, l.length() - l.stripLeading().length());
        }
        if (common == Integer.MAX_VALUE) common = 0;
        StringBuilder out = new StringBuilder();
        String pad = " ".repeat(indent);
        for (String l : lines) out.append(l.isBlank() ? "" : pad + l.substring(common)).append('\n');
        return out.toString();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path dest = to.resolve(from.relativize(f).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(f, dest);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
