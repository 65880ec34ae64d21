package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short commands in a new JVM load no class of the ML stack or of the Snowflake/BigQuery adapters (their drivers
 * alone are tens of thousands of classes): what `segflow compile`, `ls` and `--help` load is what they cost.
 */
class StartupClassLoadingTest {
    private static final List<String> HEAVY = List.of("io.segflow.ml.", "org.tribuo.", "ml.dmlc.", "io.segflow.snowflake.",
            "net.snowflake.", "io.segflow.bigquery.", "com.google.cloud.", "org.codehaus.janino.");

    @TempDir
    static Path dir;

    @BeforeAll
    static void initProject() {
        assertEquals(0, CliRunner.run(null, "init", dir.resolve("p").toString()).code());
    }

    @Test
    void compileLoadsNoHeavyClass() throws Exception {
        assertNoHeavyClass("compile", "--project-dir", dir.resolve("p").toString());
    }

    @Test
    void lsLoadsNoHeavyClass() throws Exception {
        assertNoHeavyClass("ls", "--project-dir", dir.resolve("p").toString());
    }

    @Test
    void helpLoadsNoHeavyClass() throws Exception {
        assertNoHeavyClass("--help");
    }

    private static void assertNoHeavyClass(String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "classes", ".txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                SegflowCli.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "segflow " + String.join(" ", args) + " did not finish");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out.txt")));
        List<String> loaded = Files.readAllLines(log).stream().map(l -> l.replaceFirst("^\\[[^]]*]\\[[^]]*]\\[[^]]*] ", ""))
                .map(l -> l.split(" ", 2)[0]).toList();
        assertTrue(loaded.stream().anyMatch(c -> c.equals(SegflowCli.class.getName())), "class log is empty: " + log);
        List<String> heavy = loaded.stream().filter(c -> HEAVY.stream().anyMatch(c::startsWith)).toList();
        assertEquals(List.of(), heavy, "segflow " + String.join(" ", args) + " loaded heavy classes");
    }
}
