package io.segflow.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segflow.bigquery.BigQueryFlavor;
import io.segflow.duckdb.DuckDbFlavor;
import io.segflow.postgres.PostgresAdapterFactory;
import io.segflow.postgres.PostgresFlavor;
import io.segflow.snowflake.SnowflakeFlavor;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.sql.SqlFlavor;
import io.segflow.testkit.GoldenFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.segflow.testkit.LivePostgres;
import org.junit.jupiter.api.Test;

/**
 * The arm hash gives the same bucket on every warehouse: each flavor's spelling is pinned by a golden file, and the
 * DuckDB and PostgreSQL spellings are executed for fixed ids and compared with buckets computed in Java (md5 of
 * salt:id, first 8 hex digits as an unsigned integer, modulo 10000).
 */
class ArmHashTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/arm_hash");
    private static final String SALT = "winback-2024";
    /** Integer ids (CAST to text is the decimal digits everywhere) and text ids, including a quote and non-ASCII. */
    static final List<Object> IDS = List.of(0L, 1L, 2L, 7L, 42L, 99L, 1000L, 123456L, 2147483647L, 9007199254740993L,
            "c-001", "O'Brien", "zoë@example.com", "");

    static int javaBucket(String salt, String id) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest((salt + ":" + id).getBytes(StandardCharsets.UTF_8));
            long first32 = Long.parseLong(HexFormat.of().formatHex(md5).substring(0, 8), 16);
            return (int) (first32 % Experiment.BUCKETS);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eachWarehouseSpellsTheSameHash() {
        Map<String, SqlFlavor> flavors = new LinkedHashMap<>();
        flavors.put("duckdb", DuckDbFlavor.INSTANCE);
        flavors.put("snowflake", SnowflakeFlavor.INSTANCE);
        flavors.put("bigquery", BigQueryFlavor.INSTANCE);
        flavors.put("postgres", PostgresFlavor.INSTANCE);
        for (var f : flavors.entrySet()) {
            GoldenFile.assertMatches(GOLDEN.resolve(f.getKey() + ".sql"),
                    "select " + f.getValue().hashBucket(SALT, "entity_id", Experiment.BUCKETS) + " as bucket\n",
                    f.getKey() + " arm hash");
        }
    }

    @Test
    void duckdbBucketsEqualJava() {
        try (WarehouseAdapter db = TestExperiments.duckdb()) {
            assertBucketsEqualJava(db, DuckDbFlavor.INSTANCE, "varchar");
        }
    }

    @Test
    void postgresBucketsEqualJava() {
        Map<String, Object> s = LivePostgres.settings();
        try (WarehouseAdapter pg = new PostgresAdapterFactory().open(new TargetConfig("pg", PostgresAdapterFactory.TYPE, s,
                null))) {
            assertBucketsEqualJava(pg, PostgresFlavor.INSTANCE, "text");
        }
    }

    private static void assertBucketsEqualJava(WarehouseAdapter db, SqlFlavor flavor, String textType) {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (Object id : IDS) {
            String key = id instanceof Long l ? "cast(" + l + " as bigint)" : "cast(" + flavor.stringLiteral((String) id)
                    + " as " + textType + ")";
            try (RowStream rows = db.query("select " + flavor.hashBucket(SALT, key, Experiment.BUCKETS))) {
                actual.add(id + " -> " + ((Number) rows.next()[0]).intValue());
            }
            expected.add(id + " -> " + javaBucket(SALT, String.valueOf(id)));
        }
        assertEquals(expected, actual);
    }
}
