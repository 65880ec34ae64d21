package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs `segflow build` (a child JVM) at random moments, many times, alternating between two analysis dates so
 * that every table has two distinguishable good versions (with --full-refresh, so incremental tables are rebuilt too). After each kill every feature table and segment
 * membership must be exactly one of its good versions (never partial), segment history must have no overlaps,
 * duplicates or gaps and agree with the current membership, and a final re-run must complete.
 * Rounds: -Dsegflow.kill.rounds=N (default 6).
 */
class BuildKillSafetyTest {
    private static final String[] DATES = {"2024-12-31", "2024-06-30"};
    private static final List<String> TABLES = List.of("analytics.customer_orders", "analytics.customer_features",
            "analytics.daily_revenue", "analytics.customer_engagement", "analytics.customer_category_affinity");
    private static final List<String> SEGMENTATIONS = List.of("lifecycle", "rfm", "engagement_flags");
    /** The churn models' label windows are fixed dates, so they (rightly) refuse the earlier analysis date. */
    private static final String CHURN = "churn_risk churn_tiers";

    @TempDir
    Path tmp;

    @Test
    void killedBuildsLeaveEveryTableAtAGoodVersionAndHistoryConsistent() throws Exception {
        Path project = CliRunner.copyExample(tmp.resolve("shop"), 3000);
        Path db = project.resolve("target/dev.duckdb");
        List<Map<String, String>> good = new ArrayList<>();
        for (String date : DATES) {
            // --force everywhere: moving the analysis date moves most memberships, past the max_change guard
            CliRunner.Result r = CliRunner.run(project, "build", "--full-refresh", "--force", "--exclude", CHURN, "--vars",
                    "{as_of_date: '" + date + "'}");
            assertEquals(0, r.code(), r.all());
            good.add(signatures(db));
        }
        for (String t : TABLES) {
            if (t.endsWith("daily_revenue") || t.endsWith("customer_orders")) {
                assertTrue(!good.get(0).get(t).equals(good.get(1).get(t)), "versions must differ for " + t);
            }
        }
        int rounds = Integer.getInteger("segflow.kill.rounds", 6);
        SplittableRandom random = new SplittableRandom(99);
        int killedMidRun = 0;
        List<Integer> killedAfterNodes = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            String date = DATES[i % 2];
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-cp", System.getProperty("java.class.path"), SegflowCli.class.getName(), "build", "--full-refresh", "--force", "--exclude", CHURN,
                    "--project-dir", project.toString(), "--vars", "{as_of_date: '" + date + "'}", "--log-format", "json")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("child" + i + ".log").toFile()).start();
            Path log = tmp.resolve("child" + i + ".log");
            int nodesBefore = awaitFirstNode(child, log);
            long delay = random.nextLong(3000);
            boolean finished = child.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!finished) {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
                int nodesDone = finishedNodes(log);
                if (nodesBefore > 0 && nodesDone > 0) {
                    killedMidRun++;
                    killedAfterNodes.add(nodesDone);
                }
            }
            Map<String, String> now = signatures(db);
            for (String t : TABLES) {
                String sig = now.get(t);
                assertTrue(sig.equals(good.get(0).get(t)) || sig.equals(good.get(1).get(t)),
                        "round " + i + " (killed after " + delay + " ms): " + t + " is " + sig + ", not a good version "
                                + good.get(0).get(t) + " / " + good.get(1).get(t));
            }
            for (String s : SEGMENTATIONS) {
                String sig = now.get("segments." + s);
                assertTrue(sig.equals(good.get(0).get("segments." + s)) || sig.equals(good.get(1).get("segments." + s)),
                        "round " + i + ": membership of " + s + " is " + sig);
                assertHistoryConsistent(db, s, s.equals("lifecycle"));
            }
        }
        System.out.println("BuildKillSafetyTest: " + rounds + " rounds, " + killedMidRun
                + " killed mid-run, after this many finished nodes: " + killedAfterNodes);
        assertTrue(killedMidRun * 2 >= rounds, "only " + killedMidRun + " of " + rounds
                + " kills landed while the build was running (after its first node, before its end)");
        CliRunner.Result last = CliRunner.run(project, "build", "--full-refresh", "--force", "--exclude", CHURN);
        assertEquals(0, last.code(), last.all());
        assertEquals(good.get(0), signatures(db));
        for (String s : SEGMENTATIONS) assertHistoryConsistent(db, s, s.equals("lifecycle"));
    }

    /**
     * Waits until the child has reported its first finished node (so the kill lands inside the run, not during JVM
     * start-up or project loading) and returns how many nodes it had finished then; 0 if it exited first.
     */
    private static int awaitFirstNode(Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive() && System.nanoTime() < deadline) {
            int n = finishedNodes(log);
            if (n > 0) return n;
            Thread.sleep(20);
        }
        return child.isAlive() ? finishedNodes(log) : 0;
    }

    /** Nodes the child reported finished (json log); -1 once it reported the end of the whole run. */
    private static int finishedNodes(Path log) throws Exception {
        if (!Files.exists(log)) return 0;
        int n = 0;
        for (String line : Files.readAllLines(log)) {
            if (line.contains("\"event\":\"node_finished\"")) n++;
            if (line.contains("\"event\":\"run_finished\"")) return -1;
        }
        return n;
    }

    /** Deterministic per-table signatures: row count plus max of every date/integer column; segments: group sizes. */
    private static Map<String, String> signatures(Path db) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement st = c.createStatement()) {
            for (String t : TABLES) {
                List<String> cols = new ArrayList<>();
                String[] parts = t.split("\\.");
                try (ResultSet rs = st.executeQuery("select column_name from information_schema.columns where table_schema = '"
                        + parts[0] + "' and table_name = '" + parts[1] + "' and data_type in ('DATE', 'BIGINT', 'INTEGER') order by ordinal_position")) {
                    while (rs.next()) cols.add("max(\"" + rs.getString(1) + "\")");
                }
                out.put(t, row(st, "select count(*)" + (cols.isEmpty() ? "" : ", " + String.join(", ", cols)) + " from " + t));
            }
            for (String s : SEGMENTATIONS) {
                out.put("segments." + s, row(st, "select string_agg(segment || '=' || n, ',' order by segment) from "
                        + "(select segment, count(*) n from segments." + s + "_members group by segment)"));
            }
        }
        return out;
    }

    private static String row(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) sb.append(rs.getString(i)).append('|');
            return sb.toString();
        }
    }

    private static void assertHistoryConsistent(Path db, String segmentation, boolean exhaustive) throws Exception {
        String h = "segments." + segmentation + "_history";
        String m = "segments." + segmentation + "_members";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement st = c.createStatement()) {
            assertEquals("0|", row(st, "select count(*) from (select entity_id, segment, valid_from from " + h
                    + " group by all having count(*) > 1)"), segmentation + ": duplicate history rows");
            assertEquals("0|", row(st, "select count(*) from " + h + " a join " + h + " b on a.entity_id = b.entity_id"
                    + " and a.segment = b.segment and a.valid_from < b.valid_from"
                    + " and (a.valid_to is null or a.valid_to > b.valid_from)"), segmentation + ": overlapping intervals");
            assertEquals("0|", row(st, "select count(*) from ((select entity_id, segment from " + h
                    + " where valid_to is null except all select entity_id, segment from " + m + ") union all "
                    + "(select entity_id, segment from " + m + " except all select entity_id, segment from " + h
                    + " where valid_to is null))"), segmentation + ": open history rows differ from current members");
            if (exhaustive) {
                assertEquals("0|", row(st, "select count(*) from (select valid_from, lag(valid_to) over "
                        + "(partition by entity_id order by valid_from) as prev_to from " + h
                        + ") where prev_to is distinct from valid_from and prev_to is not null"), segmentation + ": gaps");
            }
            Set<String> runs = new HashSet<>();
            try (ResultSet rs = st.executeQuery("select distinct run_id from " + h)) {
                while (rs.next()) runs.add(rs.getString(1));
            }
            for (String run : runs) {
                assertEquals("1|", row(st, "select count(*) from segments.segflow_runs where run_id = '" + run
                        + "' and segmentation = '" + segmentation + "' and status in ('success', 'forced')"),
                        segmentation + ": history written by a run the audit does not record as successful: " + run);
            }
        }
    }
}
