package io.segflow.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.Feature;
import io.segflow.core.project.MacroFile;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import io.segflow.spi.RelationName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link PlainTemplates}: a template whose only Jinja is ref()/source() renders to exactly what Jinjava renders
 * (SQL, line map at every position, refs, sources, ref positions, config, inputs, diagnostics), over every feature
 * of the repository's projects and over templates written to probe the edges.
 */
class PlainTemplatesTest {
    @Test
    void everyFeatureOfEveryProjectRendersAsJinjavaRendersIt() throws IOException {
        int plain = 0;
        int compared = 0;
        for (Project project : loadableProjects()) {
            TemplateRenderer renderer = renderer(project);
            for (Feature f : project.features()) {
                for (boolean incremental : List.of(false, true)) {
                    RenderRequest req = new RenderRequest(f.path(), f.sql(), RelationName.of("analytics", f.name()), incremental);
                    assertSameRender(renderer, req, f.path().toString());
                    compared++;
                    Optional<List<PlainTemplates.Call>> calls = PlainTemplates.calls(f.sql());
                    if (calls.isPresent() && renderer.importsOnlyDefine(f.sql())
                            && PlainTemplates.render(req, calls.get(), renderer.resolver()) != null) {
                        plain++;
                    }
                }
            }
        }
        assertTrue(compared > 100, "compared only " + compared + " renders");
        assertTrue(plain > 20, "only " + plain + " renders without the interpreter");
    }

    @Test
    void yamlValuesNamingARelationRenderAsJinjavaRendersThem() throws IOException {
        int compared = 0;
        for (Project project : loadableProjects()) {
            TemplateRenderer renderer = renderer(project);
            SourcePosition where = new SourcePosition(project.root().resolve("features/features.yml"), 3, 7);
            List<String> values = new ArrayList<>();
            project.features().forEach(f -> values.add("{{ ref('" + f.name() + "') }}"));
            project.sources().forEach(s -> values.add("{{source(\"" + s.source() + "\", '" + s.table() + "')}}"));
            for (String value : values) {
                assertEquals(renderer.renderString(value, where, false), renderer.renderString(value, where, true), value);
                compared++;
            }
            for (String unknown : List.of("{{ ref('no_such_feature') }}", "{{ source('nope', 'nothing') }}")) {
                DiagnosticException viaJinjava = assertThrows(DiagnosticException.class,
                        () -> renderer.renderString(unknown, where, false));
                DiagnosticException plain = assertThrows(DiagnosticException.class,
                        () -> renderer.renderString(unknown, where, true));
                assertEquals(viaJinjava.diagnostics(), plain.diagnostics(), unknown);
            }
        }
        assertTrue(compared > 50, "compared only " + compared + " values");
    }

    @Test
    void edgeCasesRenderAsJinjavaRendersThem() {
        List<String> templates = List.of(
                "select * from {{ ref('customers_base') }}",
                "select * from {{ ref('customers_base') }}\n",
                "select a.x, b.y from {{ref('customers_base')}} a join {{ ref(\"orders_clean\") }} b on a.id = b.id "
                        + "join {{ ref('customers_base') }} c on 1 = 1\n",
                "{{ ref('orders_clean') }}",
                "\n\n  select *\n  from {{  source( 'shop' ,'orders' )  }} o\n  where o.x > 1\n\n",
                "select 1\n-- {{ ref('orders_clean') }} in a comment\nfrom {{ source('shop', 'orders') }}\n\t",
                "select '{ not a tag }' as a, '}' as b from {{ ref('customers_base') }}",
                "select * from {{ ref('no_such_feature') }} join {{ ref('customers_base') }} on true",
                "select * from {{ source('shop', 'nope') }}",
                "select * from {{ ref('customers_base', 'extra') }}",
                "select * from {{ ref('customers_base') }} where x = '{{ var(\"country\") }}'",
                "select * from {{- ref('customers_base') }}",
                "select * from {{ ref('customers_base')\n }}",
                "select 1",
                "");
        for (Project project : List.of(TestProjects.project(), TestProjects.project(List.of()),
                TestProjects.project(List.of(new MacroFile(Path.of("macros/odd.sql"), "{% set x = 1 %}{% macro m() %}1{% endmacro %}"))),
                TestProjects.project(List.of(new MacroFile(Path.of("macros/bad.sql"), "{% macro m() %}{% if %}{% endmacro %}"))),
                TestProjects.project(List.of(new MacroFile(Path.of("macros/ref.sql"), "{% macro ref(x) %}{{ x }}{% endmacro %}"))))) {
            TemplateRenderer renderer = renderer(project);
            for (String t : templates) {
                for (boolean incremental : List.of(false, true)) {
                    assertSameRender(renderer, new RenderRequest(Path.of("features/f.sql"), t, RelationName.of("analytics", "f"),
                            incremental), t);
                }
            }
        }
        // the fast path is taken with macro files that only define macros, not with other top-level code or a syntax error
        assertTrue(renderer(TestProjects.project()).importsOnlyDefine(templates.get(0)));
        assertFalse(renderer(TestProjects.project(List.of(new MacroFile(Path.of("macros/odd.sql"),
                "{% set x = 1 %}{% macro m() %}1{% endmacro %}")))).importsOnlyDefine(templates.get(0)));
        assertFalse(renderer(TestProjects.project(List.of(new MacroFile(Path.of("macros/bad.sql"),
                "{% macro m() %}{% if %}{% endmacro %}")))).importsOnlyDefine(templates.get(0)));
        assertFalse(renderer(TestProjects.project(List.of(new MacroFile(Path.of("macros/ref.sql"),
                "{% macro ref(x) %}{{ x }}{% endmacro %}")))).importsOnlyDefine(templates.get(0)));
        assertTrue(PlainTemplates.calls(templates.get(2)).isPresent());
        assertFalse(PlainTemplates.calls(templates.get(10)).isPresent());
    }

    private static void assertSameRender(TemplateRenderer renderer, RenderRequest req, String what) {
        RenderedSql fast = null;
        RenderedSql slow = null;
        DiagnosticException fastError = null;
        DiagnosticException slowError = null;
        try {
            fast = renderer.render(req);
        } catch (DiagnosticException e) {
            fastError = e;
        }
        try {
            slow = renderer.render(req, false);
        } catch (DiagnosticException e) {
            slowError = e;
        }
        if (slowError != null) {
            assertNotNull(fastError, what);
            assertEquals(slowError.diagnostics(), fastError.diagnostics(), what);
            return;
        }
        assertNotNull(fast, what + ": " + fastError);
        assertEquals(slow.file(), fast.file(), what);
        assertEquals(slow.sql(), fast.sql(), what);
        assertEquals(slow.refs(), fast.refs(), what);
        assertEquals(slow.sources(), fast.sources(), what);
        assertEquals(slow.config(), fast.config(), what);
        assertEquals(slow.inputs(), fast.inputs(), what);
        assertEquals(slow.refPositions(), fast.refPositions(), what);
        List<String> lines = slow.sql().lines().toList();
        for (int line = 0; line <= lines.size() + 1; line++) {
            int width = line >= 1 && line <= lines.size() ? lines.get(line - 1).length() : 3;
            for (int col = 0; col <= width + 2; col++) {
                assertEquals(slow.lineMap().map(line, col), fast.lineMap().map(line, col), what + " at " + line + ":" + col);
            }
        }
    }

    /** The repository's projects, but for the broken-project fixtures, which do not load (nothing to render). */
    private static List<Project> loadableProjects() throws IOException {
        List<Project> out = new ArrayList<>();
        for (Path dir : projectDirs()) {
            try {
                out.add(new ProjectLoader(null).loadProject(dir));
            } catch (DiagnosticException e) {
                // skipped: see above
            }
        }
        return out;
    }

    private static TemplateRenderer renderer(Project p) {
        RelationResolver resolver = new RelationResolver() {
            @Override
            public Optional<RelationName> ref(String name) {
                if (p.feature(name).isPresent() || p.seed(name).isPresent()) return Optional.of(RelationName.of("analytics", name));
                return Optional.empty();
            }

            @Override
            public Optional<RelationName> source(String source, String table) {
                return p.source(source, table).map(s -> new RelationName(s.database(), s.schema(),
                        s.identifier() == null ? s.table() : s.identifier()));
            }
        };
        return new TemplateRenderer(p, "dev", "duckdb", Map.of(), resolver, Map.of("SEGFLOW_TEST", "1"));
    }

    /** Every project of the repository: examples, the template, test and golden fixtures, docs examples. */
    private static List<Path> projectDirs() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("segflow_project.yml"))) root = root.getParent();
        List<Path> out = new ArrayList<>();
        for (Path base : List.of(root.resolve("examples"), root.resolve("project-template"), root.resolve("bench/rfm_project"),
                root.resolve("runner/segflow-cli/src/test/resources"), root.resolve("runner/segflow-core/src/test/resources"))) {
            if (!Files.isDirectory(base)) continue;
            try (Stream<Path> files = Files.walk(base)) {
                files.filter(f -> f.getFileName().toString().equals("segflow_project.yml"))
                        .forEach(f -> out.add(f.getParent()));
            }
        }
        out.add(root);
        return out;
    }
}
