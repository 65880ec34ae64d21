package io.segflow.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compile cache reuses exactly the features whose inputs did not change: a macro, a var (also one read only
 * inside a macro), an upstream column or a config invalidate the features that use them and nothing else; what
 * comes from the cache is what a fresh compile produces.
 */
class CompileCacheTest {
    private static final List<EmitTarget> TARGETS = List.of(new EmitTarget("dev", "duckdb", DuckDBSqlDialect.DEFAULT),
            new EmitTarget("bq", "bigquery", BigQuerySqlDialect.DEFAULT));
    private static final Set<String> ALL = Set.of("feature.a", "feature.b", "feature.c", "feature.d");

    @TempDir
    Path dir;

    @BeforeEach
    void project() throws IOException {
        FourFeatureProject.write(dir, "cache_test");
    }

    @Test
    void unchangedProjectIsReusedWhole() throws IOException {
        Map<String, String> fresh = sql(compile(Map.of()));
        assertEquals(Set.of(), lastReused);
        Map<String, String> again = sql(compile(Map.of()));
        assertEquals(ALL, lastReused);
        assertEquals(fresh, again);
    }

    @Test
    void changingAMacroRecompilesItsUsersOnly() throws IOException {
        compile(Map.of());
        write("macros/threshold.sql", "{% macro threshold() %}{{ var('inner_var') }} + 1{% endmacro %}\n");
        compile(Map.of());
        assertEquals(Set.of("feature.b", "feature.c", "feature.d"), lastReused);
    }

    @Test
    void aVarReadOnlyInsideAMacroRecompilesTheFeatureCallingIt() throws IOException {
        compile(Map.of());
        Map<String, String> changed = sql(compile(Map.of("inner_var", 99)));
        assertEquals(Set.of("feature.b", "feature.c", "feature.d"), lastReused);
        assertTrue(changed.get("feature.a").contains("99"), changed.get("feature.a"));
        compile(Map.of("inner_var", 99, "other", 7));
        assertEquals(Set.of("feature.a", "feature.b", "feature.d"), lastReused);
    }

    @Test
    void anUpstreamColumnChangeRecompilesTheDependents() throws IOException {
        compile(Map.of());
        write("features/c.sql", "select customer_id, amount * {{ var('other') }} as scaled, amount\n"
                + "from {{ source('raw', 'orders') }}\n");
        compile(Map.of());
        assertEquals(Set.of("feature.a", "feature.b"), lastReused);
    }

    @Test
    void aConfigChangeRecompilesTheFeatureAndWhatRefsIt() throws IOException {
        compile(Map.of());
        write("features/features.yml", "features:\n  - name: c\n    config: {schema: marts}\n");
        Map<String, String> moved = sql(compile(Map.of()));
        assertEquals(Set.of("feature.a", "feature.b"), lastReused);
        assertTrue(moved.get("feature.d").contains("marts"), moved.get("feature.d"));
        assertEquals(fresh(), moved);
    }

    @Test
    void commentsAndLayoutChangeNeitherTheFingerprintNorTheDependents() throws IOException {
        String before = compileFull().nodes().get("feature.c").fingerprint();
        write("features/c.sql", "-- scaled amounts\nselect customer_id,\n       amount * {{ var('other') }} as scaled\n"
                + "from   {{ source('raw', 'orders') }}\n");
        CompiledProject after = compileFull();
        assertEquals(Set.of("feature.a", "feature.b", "feature.d"), lastReused);
        assertEquals(before, after.nodes().get("feature.c").fingerprint());
        write("features/c.sql", "select customer_id, amount * 2 as scaled from {{ source('raw', 'orders') }}\n");
        assertNotEquals(before, compileFull().nodes().get("feature.c").fingerprint());
    }

    @Test
    void aSegmentIsReusedUntilAFeatureItReadsChanges() throws IOException {
        write("segments/s.yml", """
                segments:
                  - name: s
                    type: rules
                    from: c
                    entity_key: customer_id
                    rules:
                      - {name: high, when: "scaled > 100"}
                    else: low
                """);
        String fresh = segmentSql(compile(Map.of()));
        String again = segmentSql(compile(Map.of()));
        assertTrue(lastReused.contains("segment.s"), lastReused.toString());
        assertEquals(fresh, again);
        write("features/c.sql", "select customer_id, cast(amount * {{ var('other') }} as double) as scaled\n"
                + "from {{ source('raw', 'orders') }}\n");
        compile(Map.of());
        assertEquals(Set.of("feature.a", "feature.b"), lastReused);
    }

    @Test
    void lineageComesFromTheCacheWithoutConvertingQueriesAgain() throws IOException {
        Map<String, String> fresh = lineage(compileFull());
        assertTrue(fresh.values().stream().anyMatch(l -> l.contains("amount")), fresh.toString());
        assertEquals(fresh, lineage(compileFull()));
        // a cached lineage that no query would give shows the cached one is what the manifest gets
        Path cache = dir.resolve("target/compile-cache/features.json");
        String kept = Files.readString(cache);
        assertTrue(kept.contains("\"column\":\"amount\""), kept);
        Files.writeString(cache, kept.replace("\"column\":\"amount\"", "\"column\":\"kept_in_cache\""));
        Map<String, String> cached = lineage(compileFull());
        assertEquals(ALL, lastReused);
        assertEquals(fresh.toString().replace("amount", "kept_in_cache"), cached.toString());
    }

    @Test
    void aDataTestIsReusedUntilARelationItReadsChanges() throws IOException {
        write("features/tests.yml", "features:\n  - name: d\n    columns:\n      - name: scaled\n        tests: [not_null]\n");
        CompiledProject fresh = compileFull();
        CompiledTest test = fresh.tests().values().iterator().next();
        Path cache = dir.resolve("target/compile-cache/features.json");
        String kept = Files.readString(cache);
        String sql = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(test.compiledSql());
        assertTrue(kept.contains(sql), kept);
        // SQL no compile would produce, in the cache: a recompile that emits it took the test from there
        Files.writeString(cache, kept.replace(sql, "\"select 'from the cache'\""));
        CompiledProject cached = compileFull();
        assertEquals("select 'from the cache'", cached.tests().get(test.id()).compiledSql());
        assertEquals(fresh.state().get(test.id()), cached.state().get(test.id()));
        write("features/d.sql", "select customer_id, cast(scaled as double) as scaled from {{ ref('c') }}\n");
        assertEquals(test.compiledSql(), compileFull().tests().get(test.id()).compiledSql());
    }

    /** Each feature column's source lineage, as the manifest writes it. */
    private static Map<String, String> lineage(CompiledProject cp) {
        Map<String, String> out = new TreeMap<>();
        cp.nodes().forEach((id, n) -> n.columns().forEach(c -> out.put(id + "." + c.name(),
                cp.sourceLineage(id, c.name()).stream().map(o -> o.relation() + "." + o.column()).sorted().toList().toString())));
        return out;
    }

    private static String segmentSql(List<CompiledProject> targets) {
        StringBuilder sb = new StringBuilder();
        for (CompiledProject cp : targets) {
            cp.segments().values().forEach(s -> sb.append(s.compiledSql()).append(s.compiledProfileSql())
                    .append(s.definitionHash()).append('\n'));
        }
        return sb.toString();
    }

    private Set<String> lastReused;

    private List<CompiledProject> compile(Map<String, Object> vars) throws IOException {
        Project project = new ProjectLoader(null).loadProject(dir);
        ProjectCompiler compiler = new ProjectCompiler(project, options(vars), true);
        List<CompiledProject> out = compiler.compile(TARGETS);
        compiler.writeCache();
        lastReused = compiler.reusedFromCache();
        return out;
    }

    private CompiledProject compileFull() throws IOException {
        return compile(Map.of()).get(0);
    }

    private Map<String, String> fresh() throws IOException {
        Project project = new ProjectLoader(null).loadProject(dir);
        return sql(new ProjectCompiler(project, options(Map.of()), false).compile(TARGETS));
    }

    private static CompileOptions options(Map<String, Object> vars) {
        return new CompileOptions("dev", "duckdb", DuckDBSqlDialect.DEFAULT, vars, Map.of(), null);
    }

    /** Every feature's SQL per target, plus its columns and fingerprint. */
    private static Map<String, String> sql(List<CompiledProject> targets) {
        Map<String, String> out = new TreeMap<>();
        for (CompiledProject cp : targets) {
            cp.nodes().forEach((id, n) -> out.merge(id, cp.options().targetName() + ": " + n.compiledSql() + " "
                    + n.columns() + " " + n.fingerprint() + "\n", String::concat));
        }
        return out;
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
