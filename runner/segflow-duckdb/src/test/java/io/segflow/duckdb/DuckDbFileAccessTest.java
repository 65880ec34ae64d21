package io.segflow.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How segflow opens DuckDB files: a storage version DuckDB 1.x clients read, and read-only opens that share. */
class DuckDbFileAccessTest {
    /** DuckDB 1.5 reads database files of storage versions 64 to 68 (the 1.x formats) and refuses newer ones. */
    private static final int OLDEST_1X = 64;
    private static final int NEWEST_1X = 68;

    @TempDir
    Path dir;

    private WarehouseAdapter open(Path file, Map<String, Object> extra) {
        Map<String, Object> settings = new LinkedHashMap<>(extra);
        settings.put("path", file.toString());
        return new DuckDbAdapterFactory().open(new TargetConfig("t", "duckdb", settings, dir));
    }

    private void writeMembers(Path file, Map<String, Object> extra) {
        try (WarehouseAdapter a = open(file, extra)) {
            a.replaceTable(RelationName.of("main", "members"), "SELECT i AS entity_id FROM range(10) r(i)");
        }
    }

    /** The storage version in the file's main header: 8 bytes checksum, "DUCK", then a little-endian u64. */
    private static long headerStorageVersion(Path file) throws Exception {
        byte[] head = new byte[20];
        try (var in = Files.newInputStream(file)) {
            assertEquals(20, in.readNBytes(head, 0, 20));
        }
        assertEquals("DUCK", new String(head, 8, 4, StandardCharsets.US_ASCII));
        return ByteBuffer.wrap(head, 12, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void newFilesAreWrittenInAStorageVersionDuckDb1ClientsRead() throws Exception {
        Path file = dir.resolve("dev.duckdb");
        writeMembers(file, Map.of());
        long version = headerStorageVersion(file);
        assertTrue(version >= OLDEST_1X && version <= NEWEST_1X, "storage version " + version);
        try (WarehouseAdapter a = open(file, Map.of());
             RowStream rs = a.query("SELECT tags['storage_version'] FROM duckdb_databases() WHERE path = '"
                     + file.toAbsolutePath() + "'")) {
            assertEquals("v1.0.0+", rs.next()[0]);
        }
    }

    @Test
    void theLatestStorageVersionIsAvailableOnRequest() throws Exception {
        Path file = dir.resolve("latest.duckdb");
        writeMembers(file, Map.of("storage_version", "latest"));
        long version = headerStorageVersion(file);
        assertFalse(version >= OLDEST_1X && version <= NEWEST_1X, "storage version " + version);
    }

    @Test
    void readOnlyOpensWorkWhileAnotherProcessReadsTheFile() throws Exception {
        Path file = dir.resolve("shared.duckdb");
        writeMembers(file, Map.of());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ReadOnlyHolderChild.class.getName(), file.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith("HOLDING")) line = out.readLine(); // skip logging noise
            assertEquals("HOLDING 10", line);

            WarehouseException locked = assertThrows(WarehouseException.class, () -> open(file, Map.of()).close(),
                    "a read-write open must be refused while another process has the file");
            assertTrue(locked.getMessage().contains("another segflow or DuckDB process"), locked.getMessage());

            TargetConfig config = new TargetConfig("t", "duckdb", Map.of("path", file.toString()), dir);
            try (WarehouseAdapter reader = new DuckDbAdapterFactory().openReadOnly(config);
                 RowStream rs = reader.query("SELECT count(*) FROM main.members")) {
                assertEquals(10L, ((Number) rs.next()[0]).longValue());
            }
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        assertEquals(0, holder.exitValue());
    }

    @Test
    void aReadOnlyOpenOfAFileNotBuiltYetSeesAnEmptyDatabaseAndCreatesNothing() {
        Path file = dir.resolve("target/never-built.duckdb");
        TargetConfig config = new TargetConfig("t", "duckdb", Map.of("path", file.toString()), dir);
        try (WarehouseAdapter reader = new DuckDbAdapterFactory().openReadOnly(config)) {
            assertTrue(reader.describe(RelationName.of("main", "members")).isEmpty());
        }
        assertFalse(Files.exists(file));
    }
}
