package io.segflow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * One YAML or SQL fenced block of the docs, with what its info string says about it: {@code ```yaml segflow:KIND
 * [invalid] [fixture=DIR] [on=FEATURE.COLUMN]}. See docs/docs-site.md, "Examples that compile".
 */
record DocsExample(Path file, int line, String language, String kind, boolean invalid, Map<String, String> options,
                   String text) {
    static final List<String> CHECKED_LANGUAGES = List.of("yaml", "yml", "sql");

    String where() {
        return file + ":" + line;
    }

    boolean marked() {
        return kind != null;
    }

    /** Every YAML/SQL fenced block of README.md and docs/*.md under {@code root}, in file order. */
    static List<DocsExample> all(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DocsExample> out = new ArrayList<>();
        Parser parser = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
        for (Path file : files) {
            Node doc;
            try {
                doc = parser.parse(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path shown = root.relativize(file);
            doc.accept(new AbstractVisitor() {
                @Override
                public void visit(FencedCodeBlock block) {
                    String[] words = block.getInfo() == null ? new String[0] : block.getInfo().trim().split("\\s+");
                    if (words.length == 0 || !CHECKED_LANGUAGES.contains(words[0])) return;
                    int line = block.getSourceSpans().get(0).getLineIndex() + 1;
                    out.add(parse(shown, line, words, block.getLiteral()));
                }
            });
        }
        return out;
    }

    private static DocsExample parse(Path file, int line, String[] words, String text) {
        String kind = null;
        boolean invalid = false;
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            if (w.startsWith("segflow:")) kind = w.substring("segflow:".length());
            else if (w.equals("invalid")) invalid = true;
            else if (w.contains("=")) options.put(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
        }
        return new DocsExample(file, line, words[0], kind, invalid, options, text);
    }
}
