package io.segflow.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.compile.ArtifactWriter;
import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.FourFeatureProject;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.graph.NodeSelector;
import io.segflow.core.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code state:} selectors against a previous run's manifest: decided by the compile fingerprint parts, not by file
 * text. A comment or whitespace edit selects nothing; a var read only inside a macro selects exactly the nodes whose
 * render read it (dbt-core #4304); unchanged nodes are never selected (dbt-core #15231); a changed segment rule selects
 * that segmentation, and with {@code +} its tests.
 */
class StateSelectionTest {
    private static final String TIERS = """
            segments:
              - name: tiers
                type: rules
                from: a
                entity_key: customer_id
                rules:
                  - name: big
                    when: "big"
                else: small
                tests:
                  - exclusive
                  - min_size: {min: 1, severity: warn}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void project() throws IOException {
        FourFeatureProject.write(dir, "state_test");
        write("segments/tiers.yml", TIERS);
        saveState(Map.of());
    }

    @Test
    void commentAndWhitespaceEditsAreNotModified() throws IOException {
        write("features/c.sql", "-- scaled by the `other` var\nselect   customer_id,\n    amount * {{ var('other') }}  as scaled\n"
                + "from {{ source('raw', 'orders') }}   -- raw orders\n");
        write("segments/tiers.yml", "# tiers by size\n" + TIERS.replace("when: \"big\"", "when:   \"big\"   # big spenders"));
        assertEquals(List.of(), select(Map.of(), "state:modified"));
        assertEquals(List.of(), select(Map.of(), "state:modified+"));
    }

    @Test
    void varReadOnlyInsideAMacroModifiesExactlyTheNodesItReaches() throws IOException {
        assertEquals(List.of("feature.a"), select(Map.of("inner_var", 99), "state:modified"));
        assertEquals(List.of("feature.a"), select(Map.of("inner_var", 99), "state:modified.vars"));
        assertEquals(List.of(), select(Map.of("inner_var", 99), "state:modified.macros"));
        List<String> downstream = select(Map.of("inner_var", 99), "state:modified+");
        assertTrue(downstream.containsAll(List.of("feature.a", "feature.b", "segment.tiers")), downstream.toString());
        assertTrue(downstream.stream().noneMatch(id -> id.equals("feature.c") || id.equals("feature.d")), downstream.toString());
        assertEquals(List.of("feature.c"), select(Map.of("other", 6), "state:modified"));
    }

    @Test
    void unusedVarAndUnchangedProjectSelectNothing() throws IOException {
        assertEquals(List.of(), select(Map.of(), "state:modified"));
        assertEquals(List.of(), select(Map.of("never_read", 1), "state:modified"));
        assertEquals(List.of(), select(Map.of(), "state:new"));
    }

    @Test
    void buildingIntoAnotherSchemaIsNotAModification() throws IOException {
        write("segflow_project.yml", "name: state_test\nschema: ci_pr_42\nvars: {inner_var: 10, other: 5}\n");
        assertEquals(List.of(), select(Map.of(), "state:modified"));
        CompiledProject ci = compile(Map.of());
        assertEquals("ci_pr_42.b", ci.state().get("feature.b").relation());
        assertEquals("analytics.b", StateManifest.read(dir.resolve("prod")).node("feature.b").orElseThrow().relation());
    }

    @Test
    void macroChangeIsModifiedMacrosForItsUsersOnly() throws IOException {
        write("macros/threshold.sql", "{% macro threshold() %}{{ var('inner_var') }} + 1{% endmacro %}\n");
        assertEquals(List.of("feature.a"), select(Map.of(), "state:modified.macros"));
        assertEquals(List.of("feature.a"), select(Map.of(), "state:modified"));
        assertEquals(List.of("feature.a"), select(Map.of(), "state:modified.body"));
    }

    @Test
    void changedSegmentRuleSelectsThatSegmentAndWithPlusItsTests() throws IOException {
        write("segments/tiers.yml", TIERS.replace("when: \"big\"", "when: \"not big\""));
        assertEquals(List.of("segment.tiers"), select(Map.of(), "state:modified"));
        assertEquals(List.of("segment.tiers"), select(Map.of(), "state:modified.body"));
        List<String> plus = select(Map.of(), "state:modified+");
        assertEquals("segment.tiers", plus.get(0));
        assertTrue(plus.size() == 3 && plus.subList(1, 3).stream().allMatch(id -> id.startsWith("test.")), plus.toString());
    }

    @Test
    void upstreamRowTypeChangeIsModifiedUpstreamSchemaDownstream() throws IOException {
        write("features/c.sql", "select customer_id, cast(amount * {{ var('other') }} as double) as scaled "
                + "from {{ source('raw', 'orders') }}\n");
        assertEquals(List.of("feature.d"), select(Map.of(), "state:modified.upstream_schema"));
        assertEquals(List.of("feature.c", "feature.d"), select(Map.of(), "state:modified"));
    }

    @Test
    void newFeatureIsNewAndModified() throws IOException {
        write("features/e.sql", "select customer_id from {{ ref('b') }}\n");
        assertEquals(List.of("feature.e"), select(Map.of(), "state:new"));
        assertEquals(List.of("feature.e"), select(Map.of(), "state:modified"));
        assertEquals(List.of(), select(Map.of(), "state:modified.body"));
    }

    @Test
    void stateSelectorsWithoutStateOrWithAnUnknownKindAreSelectorErrors() throws IOException {
        CompiledProject cp = compile(Map.of());
        DiagnosticException noState = assertThrows(DiagnosticException.class,
                () -> NodeSelector.select(cp.dag(), List.of("state:modified"), List.of()));
        assertTrue(noState.getMessage().contains("--state"), noState.getMessage());
        DiagnosticException unknown = assertThrows(DiagnosticException.class, () -> select(Map.of(), "state:modified.sql"));
        assertTrue(unknown.getMessage().contains("modified.body|config|vars|macros|upstream_schema"), unknown.getMessage());
        DiagnosticException missing = assertThrows(DiagnosticException.class, () -> StateManifest.read(dir.resolve("nowhere")));
        assertEquals("SF402", missing.diagnostics().get(0).code().id());
    }

    private List<String> select(Map<String, Object> vars, String selector) throws IOException {
        CompiledProject cp = compile(vars);
        StateComparison cmp = new StateComparison(StateManifest.read(dir.resolve("prod")), cp.state());
        return NodeSelector.select(cp.dag(), List.of(selector), List.of(), cmp);
    }

    private void saveState(Map<String, Object> vars) throws IOException {
        new ArtifactWriter(dir.resolve("prod")).writeManifest(compile(vars));
    }

    private CompiledProject compile(Map<String, Object> vars) {
        var project = new ProjectLoader(null).loadProject(dir);
        return new ProjectCompiler(project, new CompileOptions("dev", "duckdb", DuckDBSqlDialect.DEFAULT, vars, Map.of(),
                null)).compile();
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
