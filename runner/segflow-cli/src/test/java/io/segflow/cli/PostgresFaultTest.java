package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on a live PostgreSQL server. A reader holding {@code analytics.customer_features} makes the build wait
 * exactly where it swaps the rebuilt table in (new table staged, old one about to be dropped, one transaction):
 * there the test terminates segflow's backend, restarts the server, or starts a second build from another project
 * directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresFaultTest {
    private static final String STATE = "select (select count(*) from analytics.customer_features) || '/'"
            + " || (select sum(customer_id) from analytics.customer_features) || '/'"
            + " || (select count(*) from segments.lifecycle_history) || '/'"
            + " || (select count(*) from segments.segflow_runs where segmentation = 'lifecycle') || '/'"
            + " || (select count(*) from pg_class where relname like 'segflow_stage_%')";

    @TempDir
    static Path tmp;
    private PostgresScratchDatabase db;
    private Path project;

    @BeforeAll
    void firstBuild() throws Exception {
        db = PostgresScratchDatabase.create("segflow_fault");
        project = pgProject("shop");
        CliRunner.Result r = CliRunner.run(project, "build", "--target", "postgres", "--vars", "{as_of_date: 2024-06-30}");
        assertEquals(0, r.code(), r.all());
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (db != null) db.close();
    }

    private Path pgProject(String dir) throws Exception {
        Path p = CliRunner.copyExample(tmp.resolve(dir), 500);
        // the model segments train for seconds and add nothing here
        Files.delete(p.resolve("segments/models.yml"));
        Files.writeString(p.resolve("profiles.yml"), db.intoProfiles(Files.readString(p.resolve("profiles.yml"))));
        return p;
    }

    private String state() throws Exception {
        try (Connection c = db.connect()) {
            return PostgresScratchDatabase.rows(c, STATE).get(0);
        }
    }

    /**
     * (Builds after the first move the as-of date, which changes more memberships than the default max_change guard
     * allows: they run with --force, the guards are not what these tests are about.)
     * Starts a build in a child JVM (features as of a new date, so the feature table is rebuilt) that waits on the
     * reader's lock; the in-process CLI is left free for a second run.
     */
    private Process blockedBuild(Connection reader, Path dir, Path log) throws Exception {
        reader.setAutoCommit(false);
        try (Statement st = reader.createStatement()) {
            st.execute("select count(*) from analytics.customer_features");
        }
        Process build = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), SegflowCli.class.getName(), "build",
                "--target", "postgres", "--project-dir", dir.toString(), "--vars", "{as_of_date: 2024-12-31}", "--force")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.currentTimeMillis() + 120_000;
        while (waitingBackend() < 0) {
            if (!build.isAlive()) throw new AssertionError("the build did not wait for the lock: " + Files.readString(log));
            if (System.currentTimeMillis() > until) {
                build.destroyForcibly();
                throw new AssertionError("no segflow backend waited for the lock: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return build;
    }

    private static int exitCode(Process p) throws Exception {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the build did not finish");
        }
        return p.exitValue();
    }

    /** The pid of segflow's backend waiting for a lock, or -1 (asked in a transaction of its own: fresh statistics). */
    private int waitingBackend() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select pid from pg_stat_activity"
                + " where datname = current_database() and application_name like 'segflow%'"
                + " and wait_event_type = 'Lock'")) {
            return rs.next() ? rs.getInt(1) : -1;
        }
    }

    @Test
    @Order(1)
    void terminatedBackendMidSwapKeepsThePreviousTablesAndHistoryAndARerunCompletes() throws Exception {
        String before = state();
        Path log = tmp.resolve("terminated.log");
        int code;
        try (Connection reader = db.connect()) {
            Process build = blockedBuild(reader, project, log);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("select pg_terminate_backend(" + waitingBackend() + ")");
            }
            reader.rollback();
            code = exitCode(build);
        }
        String out = Files.readString(log);
        assertNotEquals(0, code, out);
        assertTrue(out.contains("the server ended segflow's session"), out);
        assertTrue(out.contains("feature.customer_features"), out);
        assertEquals(before, state(), "features, lifecycle history and runs as before; no staging table left (independent segments such as rfm may"
                + " have finished before the failure)");

        CliRunner.Result rerun = CliRunner.run(project, "build", "--target", "postgres", "--vars", "{as_of_date: 2024-12-31}", "--force");
        assertEquals(0, rerun.code(), rerun.all());
        assertNotEquals(before, state());
    }

    @Test
    @Order(2)
    void aSecondBuildFromAnotherProjectDirectoryIsRefusedWhileOneRuns() throws Exception {
        Path other = pgProject("other");
        Path log = tmp.resolve("first.log");
        // (the feature table cannot be read while the swap waits for it: a reader would queue behind the swap;
        // lifecycle depends on it, so no lifecycle run can finish in the meantime but one of the refused build)
        String runs = "select count(*) from segments.segflow_runs where segmentation = 'lifecycle'";
        String before;
        try (Connection c = db.connect()) {
            before = PostgresScratchDatabase.rows(c, runs).get(0);
        }
        CliRunner.Result refused;
        int first;
        try (Connection reader = db.connect()) {
            Process build = blockedBuild(reader, project, log);
            refused = CliRunner.run(other, "build", "--target", "postgres");
            try (Connection c = db.connect()) {
                assertEquals(before, PostgresScratchDatabase.rows(c, runs).get(0), "the refused run wrote nothing");
            }
            reader.rollback();
            first = exitCode(build);
        }
        assertNotEquals(0, refused.code(), refused.all());
        assertTrue(refused.all().contains("Another segflow run is writing to the PostgreSQL database"), refused.all());
        assertTrue(refused.all().contains(project.toString()), "names the holder: " + refused.all());
        assertEquals(0, first, Files.readString(log));
    }

    @Test
    @Order(3)
    void serverRestartMidSwapKeepsThePreviousTablesAndHistoryAndARerunCompletes() throws Exception {
        Path data = Path.of(envOr("SEGFLOW_PG_DATA", "/tmp/segflow-pg"));
        String why = "restarting needs the local cluster .ci/postgres.sh starts (" + data + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) assertTrue(Files.exists(data.resolve("postmaster.pid")), why);
        Assumptions.assumeTrue(Files.exists(data.resolve("postmaster.pid")), why);
        CliRunner.Result settle = CliRunner.run(project, "build", "--target", "postgres", "--vars", "{as_of_date: 2024-06-30}", "--force");
        assertEquals(0, settle.code(), settle.all());
        String before = state();
        Path log = tmp.resolve("restarted.log");
        Connection reader = db.connect();
        Process build = blockedBuild(reader, project, log);
        try {
            restartServer(data);
        } finally {
            awaitServer();
            try {
                reader.close();
            } catch (SQLException endedByTheRestart) {
                // the restart ended the reader's session too
            }
        }
        int code = exitCode(build);
        String out = Files.readString(log);
        assertNotEquals(0, code, out);
        assertTrue(out.contains("the server ended segflow's session"), out);
        assertTrue(out.contains("feature.customer_features"), out);
        assertTrue(!out.contains("\tat ") && !out.contains("Exception"), "a message, no stack trace: " + out);
        assertEquals(before, state(), "features, lifecycle history and runs as before; no staging table left");

        CliRunner.Result rerun = CliRunner.run(project, "build", "--target", "postgres", "--vars", "{as_of_date: 2024-12-31}", "--force");
        assertEquals(0, rerun.code(), rerun.all());
        assertNotEquals(before, state());
    }

    /** {@code pg_ctl restart -m fast} on the cluster, as its owner (the server refuses to run as root). */
    private static void restartServer(Path data) throws Exception {
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        cmd.addAll(List.of(serverBin().resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60",
                "-l", data.resolve("server.log").toString(), "restart"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pg_ctl restart did not finish: " + cmd);
        }
        assertEquals(0, p.exitValue(), "pg_ctl restart: " + cmd);
    }

    /** Waits until pg_isready answers, so that a failed restart does not take the server away from later tests. */
    private static void awaitServer() throws Exception {
        String port = envOr("SEGFLOW_PG_PORT", "5432");
        long until = System.currentTimeMillis() + 60_000;
        while (true) {
            Process p = new ProcessBuilder(serverBin().resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p", port)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) return;
            if (System.currentTimeMillis() > until) throw new AssertionError("the server did not come back on port " + port);
            Thread.sleep(200);
        }
    }

    /** The newest PostgreSQL server bin folder (as {@code segflow_pg_bin} in .ci/postgres.sh: the one with initdb). */
    private static Path serverBin() throws Exception {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.exists(b.resolve("initdb")))
                    .max((a, b) -> Integer.compare(major(a), major(b)))
                    .orElseThrow(() -> new AssertionError("no PostgreSQL server under /usr/lib/postgresql"));
        }
    }

    private static int major(Path bin) {
        String v = bin.getParent().getFileName().toString();
        return v.matches("\\d+") ? Integer.parseInt(v) : 0;
    }

    private static String envOr(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
