package io.segflow.snowflake;

import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.testkit.BaseWarehouseAdapterTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared contract against a real Snowflake account. Runs when SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and one of
 * SNOWFLAKE_PASSWORD / SNOWFLAKE_PRIVATE_KEY_PATH are set (plus SNOWFLAKE_WAREHOUSE, SNOWFLAKE_DATABASE, optional
 * SNOWFLAKE_ROLE); otherwise every test is skipped with that message.
 */
class SnowflakeAdapterContractTest extends BaseWarehouseAdapterTest {
    static Map<String, Object> liveSettings() {
        Map<String, Object> s = new LinkedHashMap<>();
        put(s, "account", "SNOWFLAKE_ACCOUNT");
        put(s, "user", "SNOWFLAKE_USER");
        put(s, "password", "SNOWFLAKE_PASSWORD");
        put(s, "private_key_path", "SNOWFLAKE_PRIVATE_KEY_PATH");
        put(s, "private_key_passphrase", "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE");
        put(s, "warehouse", "SNOWFLAKE_WAREHOUSE");
        put(s, "database", "SNOWFLAKE_DATABASE");
        put(s, "role", "SNOWFLAKE_ROLE");
        s.put("query_tag", "segflow-contract-test");
        return s;
    }

    private static void put(Map<String, Object> s, String key, String env) {
        String v = System.getenv(env);
        if (v != null && !v.isBlank()) s.put(key, v);
    }

    @Override
    protected WarehouseAdapter newAdapter() {
        Map<String, Object> s = liveSettings();
        boolean live = s.containsKey("account") && s.containsKey("user")
                && (s.containsKey("password") || s.containsKey("private_key_path"));
        if (!live) System.err.println("SKIPPED live Snowflake contract tests: set SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and "
                + "SNOWFLAKE_PASSWORD or SNOWFLAKE_PRIVATE_KEY_PATH (see README, Production warehouses)");
        Assumptions.assumeTrue(live, "no Snowflake credentials in the environment: live contract tests skipped");
        return new SnowflakeAdapterFactory().open(new TargetConfig("snowflake_live", "snowflake", s, null));
    }

    @Override
    protected String castSql(String literal, String portableType) {
        return "CAST(" + literal + " AS " + SnowflakeTypes.ddl(portableType) + ")";
    }

    @Override
    protected String rangeSql(long count) {
        return "SELECT CAST(ROW_NUMBER() OVER (ORDER BY SEQ8()) - 1 AS BIGINT) AS n FROM TABLE(GENERATOR(ROWCOUNT => "
                + count + "))";
    }
}
