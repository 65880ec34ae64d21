package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** `segflow init` writes a .gitignore and a pull-request workflow that plans against production and posts plan.md. */
class InitCiTemplateTest {
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void initWritesGitignoreAndAPlanWorkflow() throws Exception {
        Path dir = tmp.resolve("shop");
        CliRunner.Result init = CliRunner.run(null, "init", dir.toString());
        assertEquals(0, init.code(), init.all());
        assertTrue(Files.readString(dir.resolve(".gitignore")).contains("target/"));
        Map<String, Object> workflow = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(dir.resolve(".github/workflows/segflow.yml")));
        assertTrue(((Map<String, Object>) workflow.get("on")).containsKey("pull_request"), workflow.toString());
        Map<String, Object> plan = (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).get("plan");
        List<String> runs = ((List<Map<String, Object>>) plan.get("steps")).stream()
                .map(s -> String.valueOf(s.get("run"))).toList();
        assertTrue(runs.stream().anyMatch(r -> r.startsWith("segflow compile")), runs.toString());
        assertTrue(runs.stream().anyMatch(r -> r.startsWith("segflow plan") && r.contains("--state")), runs.toString());
        assertTrue(runs.stream().anyMatch(r -> r.contains("--body-file target/plan.md")), runs.toString());
        assertTrue(runs.stream().anyMatch(r -> r.startsWith("segflow experiment check")), runs.toString());
        // the step passes on the template, which has no experiments
        CliRunner.Result check = CliRunner.run(dir, "experiment", "check");
        assertEquals(0, check.code(), check.all());
        assertTrue(check.out().contains("no experiments"), check.all());
    }
}
