package io.segflow.bigquery;

import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.testkit.BaseWarehouseAdapterTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared contract against real BigQuery. Runs when BIGQUERY_PROJECT is set and credentials are available
 * (GOOGLE_APPLICATION_CREDENTIALS or ADC); BIGQUERY_LOCATION optional. Skipped with a message otherwise.
 */
class BigQueryAdapterContractTest extends BaseWarehouseAdapterTest {
    @Override
    protected WarehouseAdapter newAdapter() {
        String project = System.getenv("BIGQUERY_PROJECT");
        boolean live = project != null && !project.isBlank();
        if (!live) System.err.println("SKIPPED live BigQuery contract tests: set BIGQUERY_PROJECT and Application "
                + "Default Credentials (see README, Production warehouses)");
        Assumptions.assumeTrue(live, "no BigQuery project in the environment: live contract tests skipped");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("project", project);
        String location = System.getenv("BIGQUERY_LOCATION");
        if (location != null && !location.isBlank()) s.put("location", location);
        s.put("labels", Map.of("purpose", "contract-test"));
        return new BigQueryAdapterFactory().open(new TargetConfig("bigquery_live", "bigquery", s, null));
    }

    @Override
    protected String rangeSql(long count) {
        return "SELECT n FROM UNNEST(GENERATE_ARRAY(0, " + (count - 1) + ")) AS n";
    }

    /** BigQuery has one integer type (INT64, read back as BIGINT); other portable types round-trip. */
    @Override
    protected String expectedType(String portable) {
        return portable.equals("INTEGER") ? "BIGINT" : portable;
    }

    @Override
    protected String castSql(String literal, String portableType) {
        return "CAST(" + literal + " AS " + BigQueryTypes.ddl(portableType) + ")";
    }
}
