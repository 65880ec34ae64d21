package io.segflow.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.spi.RelationName;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Offline checks: authentication settings, statements, quoting agreement with the compiler, secret hygiene. */
class SnowflakeAdapterTest {
    private static final String SECRET = "pa55-Very-Secret-Value";

    private static TargetConfig target(Map<String, Object> settings) {
        return new TargetConfig("prod", "snowflake", settings, null);
    }

    @Test
    void passwordKeyPairAndOauthBecomeDriverProperties() {
        Properties pw = SnowflakeAdapterFactory.connectionProperties(target(Map.of("account", "a", "user", "u",
                "password", SECRET, "warehouse", "wh", "database", "db", "role", "r")));
        assertEquals(SECRET, pw.getProperty("password"));
        assertEquals("db", pw.getProperty("db"));
        assertEquals("wh", pw.getProperty("warehouse"));
        // no probes of cloud metadata addresses when connecting
        assertEquals("true", pw.getProperty("disablePlatformDetection"));
        Properties kp = SnowflakeAdapterFactory.connectionProperties(target(Map.of("account", "a", "user", "u",
                "private_key_path", "/keys/rsa.p8", "private_key_passphrase", SECRET)));
        assertEquals("snowflake_jwt", kp.getProperty("authenticator"));
        assertEquals("/keys/rsa.p8", kp.getProperty("private_key_file"));
        assertFalse(kp.containsKey("password"));
        Properties oauth = SnowflakeAdapterFactory.connectionProperties(target(Map.of("account", "a", "user", "u",
                "authenticator", "oauth", "token", SECRET)));
        assertEquals("oauth", oauth.getProperty("authenticator"));
        assertEquals(SECRET, oauth.getProperty("token"));
    }

    @Test
    void configurationErrorsNeverContainSecrets() {
        WarehouseException e = assertThrows(WarehouseException.class, () -> new SnowflakeAdapterFactory()
                .open(target(Map.of("account", "a", "password", SECRET))));
        assertTrue(e.getMessage().contains("'user'"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        WarehouseException noPassword = assertThrows(WarehouseException.class, () -> SnowflakeAdapterFactory
                .connectionProperties(target(Map.of("account", "a", "user", "u"))));
        assertTrue(noPassword.getMessage().contains("env_var"), noPassword.getMessage());
        assertFalse(target(Map.of("password", SECRET, "token", SECRET)).toString().contains(SECRET));
    }

    @Test
    void adapterQuotingAgreesWithTheCompiler() {
        for (String name : List.of("analytics", "CUSTOMERS", "customer_id", "odd name", "select", "Mixed", "a\"b", "x$1")) {
            String compiler = SnowflakeUnparseDialect.INSTANCE.quoteIdentifier(name);
            assertEquals(compiler, SnowflakeStatements.quote(name), name);
        }
    }

    @Test
    void portableTypesRoundTripThroughSnowflakeTypes() {
        for (String t : List.of("INTEGER", "BIGINT", "DOUBLE", "DECIMAL(12,2)", "VARCHAR", "DATE", "TIMESTAMP", "BOOLEAN")) {
            String ddl = SnowflakeTypes.ddl(t);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("NUMBER\\((\\d+),(\\d+)\\)").matcher(ddl);
            String back = m.matches() ? SnowflakeTypes.portable("NUMBER", Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2))) : SnowflakeTypes.portable(ddl, 0, 0);
            assertEquals(t, back, ddl);
        }
    }

    @Test
    void replaceSwapsAStagingTableAndMergeMatchesNullKeys() {
        RelationName t = RelationName.of("analytics", "daily_revenue");
        assertEquals(List.of("CREATE OR REPLACE TABLE analytics.daily_revenue__segflow_stage AS\nSELECT 1 AS x",
                "ALTER TABLE analytics.daily_revenue SWAP WITH analytics.daily_revenue__segflow_stage",
                "DROP TABLE IF EXISTS analytics.daily_revenue__segflow_stage"),
                SnowflakeStatements.replaceTable(t, "SELECT 1 AS x", true, false));
        assertEquals(List.of("CREATE OR REPLACE TABLE analytics.daily_revenue__segflow_stage AS\nSELECT 1 AS x",
                "DROP VIEW IF EXISTS analytics.daily_revenue",
                "ALTER TABLE analytics.daily_revenue__segflow_stage RENAME TO analytics.daily_revenue"),
                SnowflakeStatements.replaceTable(t, "SELECT 1 AS x", false, true));
        String merge = SnowflakeStatements.merge(t, "SELECT d AS order_date, 1 AS revenue",
                List.of("ORDER_DATE", "REVENUE"), List.of("order_date"));
        assertTrue(merge.contains("ON (t.ORDER_DATE IS NOT DISTINCT FROM s.ORDER_DATE)"), merge);
        assertTrue(merge.contains("WHEN MATCHED THEN UPDATE SET t.REVENUE = s.REVENUE"), merge);
        assertThrows(IllegalArgumentException.class, () -> SnowflakeStatements.merge(t, "SELECT 1", List.of("A"),
                List.of("missing")));
        assertEquals("ALTER SESSION SET QUERY_TAG = 'it\\'s segflow'", SnowflakeStatements.queryTag("it's segflow"));
    }
}
