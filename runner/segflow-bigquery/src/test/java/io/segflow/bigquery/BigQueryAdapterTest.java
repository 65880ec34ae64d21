package io.segflow.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.spi.RelationName;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Offline checks: settings, labels, statements, secret hygiene of credential errors. */
class BigQueryAdapterTest {
    private static final String SECRET = "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-very-secret";

    @Test
    void settingsCarryLocationAndSanitisedLabels() {
        BigQueryAdapter.Settings s = BigQueryAdapterFactory.settings(new TargetConfig("Prod BQ", "bigquery",
                Map.of("project", "acme-analytics", "location", "EU", "labels", Map.of("Team", "CRM Data")), null));
        assertEquals("EU", s.location());
        assertEquals("segflow", s.labels().get("tool"));
        assertEquals("prod_bq", s.labels().get("segflow_target"));
        assertEquals("crm_data", s.labels().get("team"));
    }

    @Test
    void credentialErrorsNameTheMethodButNeverTheKey() {
        String badKey = "{\"type\": \"service_account\", \"private_key\": \"" + SECRET + "\"}";
        WarehouseException e = assertThrows(WarehouseException.class, () -> new BigQueryAdapterFactory().open(
                new TargetConfig("prod", "bigquery", Map.of("project", "p", "method", "service-account-json",
                        "keyfile_json", badKey), null)));
        assertTrue(e.getMessage().contains("service-account-json"), e.getMessage());
        assertFalse(e.getMessage().contains("MIIEvQ"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) assertFalse(String.valueOf(t.getMessage()).contains("MIIEvQ"));
        WarehouseException noProject = assertThrows(WarehouseException.class, () -> BigQueryAdapterFactory.settings(
                new TargetConfig("prod", "bigquery", Map.of("keyfile_json", badKey), null)));
        assertFalse(noProject.getMessage().contains("MIIEvQ"));
    }

    @Test
    void statementsAreQualifiedAndMergeMatchesNullKeys() {
        BigQueryStatements st = new BigQueryStatements("acme");
        RelationName t = RelationName.of("analytics", "daily_revenue");
        assertEquals("CREATE OR REPLACE TABLE `acme`.`analytics`.`daily_revenue` AS\nSELECT 1",
                st.replaceTable(t, "SELECT 1"));
        assertEquals("CREATE SCHEMA IF NOT EXISTS `acme`.`analytics` OPTIONS (location = 'EU')",
                st.createSchema("analytics", "EU"));
        String merge = st.merge(t, "SELECT 1 AS order_date, 2 AS revenue", List.of("order_date", "revenue"),
                List.of("ORDER_DATE"));
        assertTrue(merge.contains("ON t.`order_date` IS NOT DISTINCT FROM s.`order_date`"), merge);
        assertTrue(merge.contains("WHEN MATCHED THEN UPDATE SET `revenue` = s.`revenue`"), merge);
        assertEquals("BEGIN TRANSACTION;\nDROP VIEW x;\nCREATE TABLE y AS SELECT 1;\nCOMMIT TRANSACTION;",
                BigQueryStatements.transaction(List.of("DROP VIEW x", "CREATE TABLE y AS SELECT 1")));
        assertEquals("\"a\",\"b,c\",,2024-01-02 03:04:05\n", CsvRows.line(new Object[] {"a", "b,c", null,
                java.time.LocalDateTime.of(2024, 1, 2, 3, 4, 5)}, 4), "strings quoted, NULL empty");
    }
}
