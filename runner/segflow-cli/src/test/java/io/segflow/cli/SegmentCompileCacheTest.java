package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * a command uses it.
 */
class SegmentCompileCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODEL_SEGMENTS = List.of("segment.churn_risk", "segment.churn_tiers",
            "segment.customer_clusters", "segment.customer_ltv");

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

    private void compileInNewJvm(Path project) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), SegflowCli.class.getName(),
                "compile", "--project-dir", project.toString()).redirectErrorStream(true)
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
