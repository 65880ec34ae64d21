package io.segflow.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a JVM mid-way through a replace or bulk load and checks that the previous table survives in the file. */
class DuckDbKillSafetyTest {
    @TempDir
    Path dir;

    private WarehouseAdapter open(Path file) {
        return new DuckDbAdapterFactory().open(new TargetConfig("t", "duckdb", Map.of("path", file.toString()), dir));
    }

    private static List<Long> countAndSum(WarehouseAdapter a) {
        try (RowStream rs = a.query("SELECT COUNT(*), SUM(n), COUNT(DISTINCT h) FROM main.victim")) {
            Object[] r = rs.next();
            return List.of(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).longValue());
        }
    }

    @Test
    void killedWritesLeavePreviousTableIntact() throws Exception {
        String classpath = System.getProperty("java.class.path");
        assertTrue(classpath.contains("duckdb"), "test classpath must reach the child JVM: " + classpath);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> modes = List.of("replace", "bulk", "replace");
        for (int round = 0; round < modes.size(); round++) {
            String mode = modes.get(round);
            Path file = dir.resolve("kill-" + round + ".duckdb");
            try (WarehouseAdapter a = open(file)) {
                a.replaceTable(RelationName.of("main", "victim"),
                        "SELECT i AS n, 'old-' || i AS h FROM range(1000) r(i)");
            }
            long sizeBefore = Files.size(file);
            Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", classpath, KillSafetyChild.class.getName(),
                    file.toString(), mode).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                    .start();
            try {
                // wait until the uncommitted write has reached the database file, so the kill hits a real half-write
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (Files.size(file) < sizeBefore + 16 * 1024 * 1024 && System.nanoTime() < deadline) {
                    assertTrue(child.isAlive(), "child ended early: " + Files.readString(dir.resolve("child.log")));
                    Thread.sleep(50);
                }
                assertTrue(Files.size(file) >= sizeBefore + 16 * 1024 * 1024, "uncommitted data reached the file");
                assertTrue(child.isAlive(), "the write must still be running when killed (" + mode + ")");
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            try (WarehouseAdapter a = open(file)) {
                assertEquals(List.of(1000L, 499_500L, 1000L), countAndSum(a),
                        "previous table intact after killing a " + mode);
                a.replaceTable(RelationName.of("main", "victim"), "SELECT i AS n, 'new-' || i AS h FROM range(10) r(i)");
            }
            try (WarehouseAdapter a = open(file)) {
                assertEquals(List.of(10L, 45L, 10L), countAndSum(a), "the recovered file accepts new writes");
            }
        }
    }
}
