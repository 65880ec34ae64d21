package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import io.segflow.ml.segment.ModelStep;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segmentations come from the compile cache when nothing they read changed: rules, RFM and the model segments of
 * the example project, across `segflow` processes too (their keys once hashed {@code Map.copyOf} iteration order,
 * which differs from one JVM to the next). A model segment taken from the cache plans its run-time step again when
 * a command uses it. Audience sets, which read the other segmentations, are cached too. A compile of an unchanged
 * project renders no template and converts no query, and does not load the model segment types.
 */
class SegmentCompileCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODEL_SEGMENTS = List.of("segment.churn_risk", "segment.churn_tiers",
            "segment.customer_clusters", "segment.customer_ltv");
    private static final String AUDIENCE_SET = "segment.retention_campaigns";

    @TempDir
    Path tmp;

    @Test
    void segmentKeysAreTheSameInEveryProcess() throws Exception {
        Path project = CliRunner.copyExample(tmp.resolve("shop"), 200);
        compileInNewJvm(project);
        Map<String, String> first = segmentKeys(project);
        for (int i = 0; i < 3; i++) { // the iteration order is salted per JVM: several processes, so one differs
            compileInNewJvm(project);
            assertEquals(first, segmentKeys(project));
        }
        assertTrue(first.keySet().containsAll(MODEL_SEGMENTS), first.keySet().toString());
        JsonNode clusters = JSON.readTree(project.resolve("target/compile-cache/features.json").toFile())
                .path("segments").path("segment.customer_clusters");
        assertTrue(clusters.path("runtime").asBoolean(), clusters.toString());
    }

    @Test
    void aModelSegmentFromTheCachePlansItsStepWhenUsed() {
        Path dir = CliRunner.copyExample(tmp.resolve("shop"), 200);
        Project project = new ProjectLoader(null).loadProject(dir);
        CompileOptions options = new CompileOptions("dev", "duckdb", DuckDBSqlDialect.DEFAULT, Map.of(), Map.of(), null);
        ProjectCompiler first = new ProjectCompiler(project, options, true);
        first.compile();
        first.writeCache();
        ProjectCompiler second = new ProjectCompiler(project, options, true);
        CompiledProject cp = second.compile();
        assertTrue(second.reusedFromCache().containsAll(MODEL_SEGMENTS), second.reusedFromCache().toString());
        for (String id : MODEL_SEGMENTS) {
            assertInstanceOf(ModelStep.class, cp.segments().get(id).plan().runtime().resolved(), id);
        }
    }

    @Test
    void everySegmentationOfAnUnchangedProjectComesFromTheCacheAudienceSetsIncluded() throws Exception {
        Path dir = exampleWithAudiences();
        CompileOptions options = new CompileOptions("dev", "duckdb", DuckDBSqlDialect.DEFAULT, Map.of(), Map.of(), null);
        ProjectCompiler first = new ProjectCompiler(new ProjectLoader(null).loadProject(dir), options, true);
        CompiledProject fresh = first.compile();
        first.writeCache();
        assertTrue(fresh.segments().containsKey(AUDIENCE_SET), fresh.segments().keySet().toString());
        ProjectCompiler second = new ProjectCompiler(new ProjectLoader(null).loadProject(dir), options, true);
        CompiledProject again = second.compile();
        assertTrue(second.reusedFromCache().containsAll(fresh.segments().keySet()), second.reusedFromCache().toString());
        assertEquals(fresh.segments().get(AUDIENCE_SET).compiledSql(), again.segments().get(AUDIENCE_SET).compiledSql());
    }

    @Test
    void anAudienceSetIsPlannedAgainWhenASegmentationItReadsChangesItsGroups() throws Exception {
        Path dir = exampleWithAudiences();
        CompileOptions options = new CompileOptions("dev", "duckdb", DuckDBSqlDialect.DEFAULT, Map.of(), Map.of(), null);
        ProjectCompiler first = new ProjectCompiler(new ProjectLoader(null).loadProject(dir), options, true);
        first.compile();
        first.writeCache();
        // the audience set does not use engagement_flags' "browser" group, but the groups are what it can name
        Path flags = dir.resolve("segments/lifecycle.yml");
        String before = Files.readString(flags);
        Files.writeString(flags, before.replace("{name: browser,", "{name: window_shopper,"));
        assertFalse(before.equals(Files.readString(flags)), "the example no longer has a browser group");
        ProjectCompiler second = new ProjectCompiler(new ProjectLoader(null).loadProject(dir), options, true);
        second.compile();
        assertFalse(second.reusedFromCache().contains(AUDIENCE_SET), second.reusedFromCache().toString());
        assertFalse(second.reusedFromCache().contains("segment.engagement_flags"), second.reusedFromCache().toString());
        assertTrue(second.reusedFromCache().contains("segment.rfm"), second.reusedFromCache().toString());
    }

    @Test
    void aCachedCompileLoadsNoModelTypeAndRendersAndConvertsNothing() throws Exception {
        Path project = exampleWithAudiences();
        compileInNewJvm(project);
        Path log = tmp.resolve("classes.txt");
        compileInNewJvm(project, "-Xshare:off", "-Xlog:class+load=info:file=" + log);
        List<String> loaded = Files.readAllLines(log).stream().map(l -> l.replaceFirst("^\\[[^]]*]\\[[^]]*]\\[[^]]*] ", ""))
                .map(l -> l.split(" ", 2)[0]).toList();
        assertTrue(loaded.contains(SegflowCli.class.getName()), "class log is empty: " + log);
        List<String> unexpected = loaded.stream().filter(c -> c.startsWith("io.segflow.ml.") || c.startsWith("org.tribuo.")
                || c.startsWith("org.apache.calcite.sql2rel.")
                // an engine (its filter library) and a template parser exist only once something is rendered
                || c.startsWith("com.hubspot.jinjava.lib.filter.") || c.equals("com.hubspot.jinjava.tree.TreeParser")).toList();
        assertEquals(List.of(), unexpected);
    }

    @Test
    void whatRenderingTheMacroImportsAloneDoesIsKeptUnderTheMacroTexts() throws Exception {
        Path dir = exampleWithAudiences();
        CompileOptions options = new CompileOptions("dev", "duckdb", DuckDBSqlDialect.DEFAULT, Map.of(), Map.of(), null);
        Map<String, String> before = compiledFeatures(dir, options);
        Map<String, Boolean> first = quietImports(dir);
        assertEquals(List.of(true), List.copyOf(new java.util.HashSet<>(first.values())), first.toString());
        Path money = dir.resolve("macros/money.sql");
        Files.writeString(money, Files.readString(money) + "\n{% macro unused_helper() %}1{% endmacro %}\n");
        Map<String, String> after = compiledFeatures(dir, options);
        assertFalse(quietImports(dir).keySet().equals(first.keySet()), "the keys did not follow the macro texts");
        assertEquals(before, after);
    }

    private static Map<String, String> compiledFeatures(Path dir, CompileOptions options) {
        ProjectCompiler compiler = new ProjectCompiler(new ProjectLoader(null).loadProject(dir), options, true);
        CompiledProject cp = compiler.compile();
        compiler.writeCache();
        Map<String, String> out = new TreeMap<>();
        cp.nodes().forEach((id, n) -> out.put(id, n.compiledSql()));
        return out;
    }

    private static Map<String, Boolean> quietImports(Path dir) throws Exception {
        Map<String, Boolean> out = new TreeMap<>();
        JSON.readTree(dir.resolve("target/compile-cache/features.json").toFile()).path("quietImports").fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asBoolean()));
        assertFalse(out.isEmpty(), "no macro import was rendered alone");
        return out;
    }

    /** The example project with its audience sets (audiences/), which read the other segmentations. */
    private Path exampleWithAudiences() throws java.io.IOException {
        Path dir = CliRunner.copyExample(tmp.resolve("shop"), 200);
        Path audiences = CliRunner.repoRoot().resolve("audiences");
        Files.createDirectories(dir.resolve("audiences"));
        try (var files = Files.list(audiences)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, dir.resolve("audiences").resolve(f.getFileName()));
        }
        return dir;
    }

    private void compileInNewJvm(Path project, String... jvmOptions) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(javaBin));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SegflowCli.class.getName(),
                "compile", "--project-dir", project.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("compile.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "compile did not finish");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("compile.log")));
    }

    /** Each cached segmentation's local and upstream keys. */
    private static Map<String, String> segmentKeys(Path project) throws Exception {
        JsonNode segments = JSON.readTree(new File(project.resolve("target/compile-cache/features.json").toString()))
                .path("segments");
        Map<String, String> out = new TreeMap<>();
        segments.fields().forEachRemaining(e -> out.put(e.getKey(),
                e.getValue().path("localKey").asText() + "/" + e.getValue().path("upstreamKey").asText()));
        return out;
    }
}
