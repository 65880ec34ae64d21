package io.segflow.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a JVM in the middle of a replace and checks that the previous table survives in the file. */
class DuckDbKillSafetyTest {
    @TempDir
    Path dir;

    private WarehouseAdapter open(Path file) {
        return new DuckDbAdapterFactory().open(new TargetConfig("t", "duckdb", Map.of("path", file.toString()), dir));
    }

    private static long[] countAndSum(WarehouseAdapter a) {
        try (RowStream rs = a.query("SELECT COUNT(*), SUM(n), COUNT(DISTINCT h) FROM main.victim")) {
            Object[] r = rs.next();
            return new long[] {((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).longValue()};
        }
    }

    @Test
    void killedReplaceLeavesPreviousTableIntact() throws Exception {
        Path file = dir.resolve("kill.duckdb");
        try (WarehouseAdapter a = open(file)) {
            a.replaceTable(RelationName.of("main", "victim"),
                    "SELECT i AS n, 'old-' || i AS h FROM range(1000) r(i)");
        }
        String classpath = System.getProperty("java.class.path");
        assertTrue(classpath.contains("duckdb"), "test classpath must reach the child JVM: " + classpath);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String mode : List.of("replace", "bulk", "replace")) {
            Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", classpath, KillSafetyChild.class.getName(),
                    file.toString(), mode).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("STARTED")) {
                    // skip JVM noise until the write has begun
                }
                assertEquals("STARTED", line, "child must reach the write before being killed");
                Thread.sleep(1500);
                assertTrue(child.isAlive(), "the write must still be running when killed (" + mode + ")");
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            try (WarehouseAdapter a = open(file)) {
                assertEquals(List.of(1000L, 499_500L, 1000L), List.of(countAndSum(a)[0], countAndSum(a)[1],
                        countAndSum(a)[2]), "previous table intact after killing a " + mode);
                assertFalse(a.listRelations("main").isEmpty());
            }
        }
    }
}
