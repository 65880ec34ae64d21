package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built example project under two local faults: another process reading the DuckDB file (read-only commands
 * must still work; that the reader locks out writers is DuckDbFileAccessTest's) and a full disk while writing
 * run_results.json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalFaultsCliTest {
    private static final String CHURN = "churn_risk churn_tiers";

    @TempDir
    static Path tmp;
    private Path project;

    @BeforeAll
    void buildTheExampleProject() {
        project = CliRunner.copyExample(tmp.resolve("shop"), 800);
        CliRunner.Result r = CliRunner.run(project, "build", "--exclude", CHURN);
        assertEquals(0, r.code(), r.all());
    }

    /** Runs the CLI in a child JVM: DuckDB's file lock is per process, so the reader must be another process. */
    private CliRunner.Result child(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SegflowCli.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--project-dir", project.toString()));
        Path out = Files.createTempFile(tmp, "child", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "child timed out: " + cmd);
        return new CliRunner.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), "");
    }

    @Test
    void readOnlyCommandsWorkWhileAnotherProcessReadsTheDatabase() throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection reader = DriverManager.getConnection("jdbc:duckdb:" + project.resolve("target/dev.duckdb"), readOnly);
             Statement st = reader.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM segments.rfm_members")) {
            rs.next();
            assertTrue(rs.getLong(1) > 0);

            CliRunner.Result ls = child("ls", "segments");
            assertEquals(0, ls.code(), ls.all());
            assertTrue(ls.out().contains("rfm (rfm): last run"), ls.out());

            CliRunner.Result report = child("report");
            assertEquals(0, report.code(), report.all());
            assertTrue(Files.readString(project.resolve("target/report.html")).contains("rfm"));
        }
    }

    @Test
    void aFullDiskWhileWritingRunResultsIsSf800AndLeavesNoTemporaryFile() throws Exception {
        Path results = project.resolve("target/run_results.json");
        String before = Files.readString(results);
        Path tmpFile = project.resolve("target/run_results.json.tmp");
        // /dev/full fails every write with ENOSPC, exactly what a full disk does
        Files.createSymbolicLink(tmpFile, Path.of("/dev/full"));

        CliRunner.Result r = CliRunner.run(project, "run", "--select", "customer_features");

        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("error[SF800]: cannot write " + results + ": no space left on device"), r.err());
        assertFalse(r.all().contains("\tat "), "no stack trace without --debug");
        assertFalse(Files.exists(tmpFile, java.nio.file.LinkOption.NOFOLLOW_LINKS), "temporary file left behind");
        assertEquals(before, Files.readString(results));
    }
}
