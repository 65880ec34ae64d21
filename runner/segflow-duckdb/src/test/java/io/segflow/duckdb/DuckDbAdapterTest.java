package io.segflow.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseAdapterFactory;
import io.segflow.spi.WarehouseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB-specific behaviour beyond the shared contract. */
class DuckDbAdapterTest {
    @TempDir
    Path dir;

    private WarehouseAdapter open(Map<String, Object> settings) {
        return new DuckDbAdapterFactory().open(new TargetConfig("dev", "duckdb", settings, dir));
    }

    private static long count(WarehouseAdapter a, String sql) {
        try (RowStream rs = a.query(sql)) {
            return ((Number) rs.next()[0]).longValue();
        }
    }

    @Test
    void factoryIsFoundByServiceLoaderWithDuckDbDialect() {
        WarehouseAdapterFactory f = ServiceLoader.load(WarehouseAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(x -> x.type().equals("duckdb")).findFirst().orElseThrow();
        assertInstanceOf(DuckDBSqlDialect.class, f.dialect());
        try (WarehouseAdapter a = open(Map.of())) {
            assertEquals("duckdb", a.type());
            assertSame(f.flavor(), a.flavor());
            assertTrue(f.inProcessSettings().isPresent());
            assertEquals("\"a\"\"b\"", a.quote("a\"b"));
            assertEquals("\"s\".\"t\"", a.render(RelationName.of("s", "t")));
        }
    }

    @Test
    void fileDataPersistsAcrossReopenAndParentDirectoriesAreCreated() {
        Map<String, Object> settings = Map.of("path", "nested/dir/dev.duckdb", "threads", "2", "memory_limit", "1GB");
        try (WarehouseAdapter a = open(settings)) {
            a.createSchemaIfMissing("raw");
            a.replaceTable(RelationName.of("raw", "kept"), "SELECT range AS n FROM range(1234)");
        }
        assertTrue(Files.exists(dir.resolve("nested/dir/dev.duckdb")));
        try (WarehouseAdapter a = open(settings)) {
            assertEquals(1234, count(a, "SELECT COUNT(*) FROM raw.kept"));
        }
    }

    @Test
    void readOnlyTargetsCanReadButNotWrite() {
        try (WarehouseAdapter a = open(Map.of("path", "ro.duckdb"))) {
            a.replaceTable(RelationName.of("main", "t"), "SELECT 1 AS x");
        }
        Map<String, Object> ro = new HashMap<>(Map.of("path", "ro.duckdb", "read_only", true));
        try (WarehouseAdapter a = open(ro)) {
            assertEquals(1, count(a, "SELECT COUNT(*) FROM main.t"));
            assertThrows(WarehouseException.class, () -> a.replaceTable(RelationName.of("main", "t"), "SELECT 2 AS x"));
        }
        ro.put("path", "missing.duckdb");
        WarehouseException e = assertThrows(WarehouseException.class, () -> open(ro));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void invalidSettingIsReportedClearly() {
        WarehouseException e = assertThrows(WarehouseException.class,
                () -> open(Map.of("memory_limit", "lots")));
        assertTrue(e.getMessage().contains("memory_limit"), e.getMessage());
    }

    @Test
    @Timeout(120)
    void statementTimeoutCancelsLongStatementsAndKeepsOldTable() {
        try (WarehouseAdapter a = open(Map.of("path", "timeout.duckdb", "statement_timeout_seconds", 1))) {
            RelationName t = RelationName.of("main", "t");
            a.replaceTable(t, "SELECT 7 AS x");
            WarehouseException e = assertThrows(WarehouseException.class, () -> a.replaceTable(t,
                    "SELECT SUM(hash(i)) AS x FROM range(100000000000) r(i)"));
            assertTrue(e.getMessage().toLowerCase().contains("interrupt"), e.getMessage());
            assertEquals(7, count(a, "SELECT MAX(x) FROM main.t"));
        }
    }

    @Test
    void streamsStayUsableWhileOtherCallsWrite() {
        try (WarehouseAdapter a = open(Map.of())) {
            RelationName t = RelationName.of("main", "t");
            a.replaceTable(t, "SELECT range AS n FROM range(100000)");
            long seen = 0;
            try (RowStream rs = a.query("SELECT n FROM main.t")) {
                a.replaceTable(t, "SELECT range AS n FROM range(5)");
                while (rs.hasNext()) {
                    rs.next();
                    seen++;
                }
                assertFalse(rs.hasNext());
            }
            assertEquals(100000, seen, "an open stream keeps its snapshot");
            assertEquals(5, count(a, "SELECT COUNT(*) FROM main.t"));
        }
    }
}
