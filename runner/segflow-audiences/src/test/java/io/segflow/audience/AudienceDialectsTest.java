package io.segflow.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segflow.audience.export.ExportSql;
import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.project.ProjectLoader;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.duckdb.DuckDbAdapterFactory;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.testkit.GoldenFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audience set's membership query and the export statements per warehouse match golden files
 * ({@code dialects/<dialect>/}, regenerate with {@code -Dsegflow.updateGolden=true}); each warehouse spells SHA-256
 * in its own flavor, and DuckDB's spelling equals Java's MessageDigest.
 */
class AudienceDialectsTest {
    private static final Path ROOT = Path.of("src/test/resources/dialects");
    private static final Instant SINCE = Instant.parse("2024-12-01T06:00:00Z");
    private static final Instant NOW = Instant.parse("2024-12-31T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void membershipAndExportStatementsMatchGoldenFiles() {
        Map<String, SqlDialect> dialects = new LinkedHashMap<>();
        dialects.put("duckdb", DuckDBSqlDialect.DEFAULT);
        dialects.put("snowflake", SnowflakeSqlDialect.DEFAULT);
        dialects.put("bigquery", BigQuerySqlDialect.DEFAULT);
        dialects.put("postgres", PostgresqlSqlDialect.DEFAULT);
        try (AudienceProject p = new AudienceProject(dir, AudienceProject.AUDIENCES)) {
            for (Map.Entry<String, SqlDialect> d : dialects.entrySet()) {
                CompiledProject cp = new ProjectCompiler(new ProjectLoader(null).loadProject(p.dir),
                        new CompileOptions(d.getKey(), d.getKey(), d.getValue(), Map.of(), Map.of(), null)).compile();
                String membership = cp.segments().get("segment.campaign").compiledSql();
                GoldenFile.assertMatches(ROOT.resolve(d.getKey()).resolve("campaign.membership.sql"), membership + "\n",
                        d.getKey() + " membership");
                AudienceSet set = AudienceSet.of(cp.segments().get("segment.campaign").spec());
                ExportSql sql = new ExportSql(StoreDialect.of(d.getValue()), new MembershipTables("segments", "campaign"));
                StringBuilder text = new StringBuilder();
                text.append("-- last published\n").append(sql.lastPublished()).append(";\n\n");
                text.append("-- create cursors\n").append(sql.createCursors()).append(";\n\n");
                text.append("-- last cursor\n").append(sql.lastCursor("ads:campaign")).append(";\n\n");
                text.append("-- delta\n").append(sql.delta(SINCE, NOW, List.of("vip_care"), RelationName.of("analytics",
                        "customers"), "customer_id", set.exports().get(0).identifiers().columns())).append(";\n\n");
                text.append("-- record cursor\n").append(sql.recordCursor("ads:campaign", "ads", NOW, "r1", NOW, 3, 1,
                        "target/exports/ads/x.csv")).append(";\n");
                GoldenFile.assertMatches(ROOT.resolve(d.getKey()).resolve("campaign.export.sql"), text.toString(),
                        d.getKey() + " export");
            }
        }
    }

    @Test
    void duckDbSha256EqualsJavaMessageDigest() throws Exception {
        try (WarehouseAdapter duck = new DuckDbAdapterFactory().open(new TargetConfig("t", "duckdb", Map.of(), null))) {
            String expr = duck.flavor().sha256Hex("lower(trim(cast(' Ann.Lee@Example.COM ' as varchar)))");
            try (RowStream rs = duck.query("select " + expr)) {
                String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest("ann.lee@example.com".getBytes(StandardCharsets.UTF_8)));
                assertEquals(expected, rs.next()[0]);
            }
        }
    }
}
