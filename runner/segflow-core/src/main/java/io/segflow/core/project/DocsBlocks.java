package io.segflow.core.project;

import com.hubspot.jinjava.Jinjava;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.Severity;
import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's {@code {% docs name %} ... {% enddocs %}} blocks in .md files under the feature and seed paths, and
 * descriptions written as {@code '{{ doc("name") }}'}: descriptions are rendered with a {@code doc()} that returns
 * the block's text; an unknown block name is an error at the description's owner.
 */
final class DocsBlocks {
    private static final Pattern BLOCK = Pattern.compile(
            "\\{%-?\\s*docs\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*-?%}(.*?)\\{%-?\\s*enddocs\\s*-?%}", Pattern.DOTALL);
    private static final String DOC_MACRO = "{% macro doc(name) %}{{ segflow_docs_blocks[name] }}{% endmacro %}";

    private final Map<String, String> blocks = new HashMap<>();
    private final LoadContext ctx;
    private Jinjava jinja;

    private DocsBlocks(LoadContext ctx) {
        this.ctx = ctx;
    }

    /** {@code project} with every {@code doc()} in its descriptions replaced by the block's text. */
    static Project resolve(LoadContext ctx, ProjectConfig config, Project project) {
        DocsBlocks docs = new DocsBlocks(ctx);
        List<String> folders = new ArrayList<>(config.featurePaths());
        folders.addAll(config.seedPaths());
        for (Path md : ctx.files(folders, ".md")) {
            ctx.readText(md).ifPresent(text -> {
                Matcher m = BLOCK.matcher(text);
                while (m.find()) {
                    if (docs.blocks.putIfAbsent(m.group(1), m.group(2).strip()) != null) {
                        int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                        ctx.diags().error(ErrorCode.DUPLICATE_NAME, SourcePosition.of(md).at(line, 1),
                                "docs block '" + m.group(1) + "' is defined twice", "rename one of them");
                    }
                }
            });
        }
        List<Feature> features = new ArrayList<>();
        for (Feature f : project.features()) {
            SourcePosition at = f.propertiesPosition() != null ? f.propertiesPosition() : SourcePosition.of(f.path());
            features.add(new Feature(f.name(), f.path(), f.sql(), f.config(), docs.render(f.description(), at),
                    docs.columns(f.columns()), f.tests(), f.propertiesPosition(), f.contractEnforced(), f.snapshot()));
        }
        List<SourceTable> sources = new ArrayList<>();
        for (SourceTable s : project.sources()) {
            sources.add(new SourceTable(s.source(), s.table(), s.database(), s.schema(), s.identifier(),
                    docs.render(s.description(), s.position()), docs.columns(s.columns()), s.tests(), s.position(),
                    s.tags(), s.upstream()));
        }
        ctx.diags().throwIfErrors();
        return new Project(project.root(), project.config(), sources, features, project.seeds(), project.macros(),
                project.singularTests(), project.segments(), project.targets(), project.defaultTarget(),
                project.experiments(), ctx.diags().all().stream().filter(d -> d.severity() == Severity.WARNING).toList());
    }

    private List<ColumnSpec> columns(List<ColumnSpec> columns) {
        List<ColumnSpec> out = new ArrayList<>();
        for (ColumnSpec c : columns) {
            out.add(new ColumnSpec(c.name(), c.type(), render(c.description(), c.position()), c.pii(), c.tests(), c.position()));
        }
        return out;
    }

    private String render(String description, SourcePosition at) {
        if (description == null || !description.contains("doc(")) return description;
        if (jinja == null) jinja = new Jinjava();
        Set<String> missing = new LinkedHashSet<>();
        Map<String, String> lookup = new HashMap<>(blocks) {
            @Override
            public String get(Object key) {
                if (!containsKey(key)) missing.add(String.valueOf(key));
                return super.get(key);
            }
        };
        String out = jinja.render(DOC_MACRO + description, Map.of("segflow_docs_blocks", lookup));
        for (String name : missing) {
            ctx.diags().error(ErrorCode.UNKNOWN_REF, at, "unknown docs block '" + name + "' in doc()",
                    blocks.isEmpty() ? "write {% docs " + name + " %}...{% enddocs %} in a .md file beside the models"
                            : "known docs blocks: " + String.join(", ", new java.util.TreeSet<>(blocks.keySet())));
        }
        return out.strip();
    }
}
