package io.segflow.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.segflow.audience.AudienceProject.Customer;
import io.segflow.audience.export.AudienceExporter;
import io.segflow.audience.export.ExportRequest;
import io.segflow.audience.export.ExportResult;
import io.segflow.postgres.PostgresAdapterFactory;
import io.segflow.spi.TargetConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import io.segflow.testkit.LivePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audience set, overlap matrix and export on a live PostgreSQL (SEGFLOW_PG_* from {@code .ci/postgres.sh}; skipped
 * without a server, a failure under CI=true), in a database of its own: the same membership as the Java computation,
 * PostgreSQL's SHA-256 spelling equal to MessageDigest, and an idempotent export.
 */
class AudiencePostgresTest {
    @TempDir
    Path dir;

    @Test
    void audienceSetAndExportOnPostgres() throws Exception {
        Map<String, Object> live = LivePostgres.settings();
        String db = "segflow_audiences_" + UUID.randomUUID().toString().substring(0, 8);
        admin(live, "CREATE DATABASE " + db);
        try {
            Map<String, Object> settings = new LinkedHashMap<>(live);
            settings.put("dbname", db);
            var adapter = new PostgresAdapterFactory().open(new TargetConfig("postgres", PostgresAdapterFactory.TYPE,
                    settings, dir));
            try (AudienceProject p = new AudienceProject(dir, AudienceProject.AUDIENCES, adapter, "postgres",
                    PostgresqlSqlDialect.DEFAULT)) {
                List<Customer> customers = p.load(80, 7);
                AudienceSetEndToEndTest.assertAllOk(p.build("r1", false));
                Map<Long, String> got = new HashMap<>();
                for (Object[] row : p.rows("select entity_id, segment from segments.campaign_members")) {
                    got.put(((Number) row[0]).longValue(), String.valueOf(row[1]));
                }
                Map<Long, String> expected = Expected.membership(customers, 5);
                assertEquals(expected, got);
                long groups = ((Number) p.rows("select count(distinct group_a) from audiences.segment_overlap "
                        + "where segmentation_a = 'campaign'").get(0)[0]).longValue();
                assertEquals(3, groups);

                ExportResult first = new AudienceExporter(p.compile(), p.warehouse)
                        .export(new ExportRequest("campaign", null, true, null, null));
                assertEquals(expected.size(), first.adds());
                Map<Long, String> emails = new HashMap<>();
                customers.forEach(c -> emails.put(c.id(), c.email()));
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                List<String> lines = Files.readAllLines(first.file());
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",");
                    String normal = emails.get(Long.parseLong(f[2])).trim().toLowerCase(Locale.ROOT);
                    assertEquals(HexFormat.of().formatHex(sha.digest(normal.getBytes(StandardCharsets.UTF_8))), f[3]);
                }
                ExportResult again = new AudienceExporter(p.compile(), p.warehouse)
                        .export(new ExportRequest("campaign", null, true, null, null));
                assertEquals(0, again.rows());
                assertNull(again.file());
                assertEquals((long) expected.size(), ((Number) p.rows("select count(*) from audiences.memberships "
                        + "where exited_at is null").get(0)[0]).longValue());
            }
        } finally {
            admin(live, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    private static void admin(Map<String, Object> live, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(LivePostgres.jdbcUrl(live, (String) live.get("dbname")),
                (String) live.get("user"), (String) live.get("password")); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
