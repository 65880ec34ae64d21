package io.segflow.core.dbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import io.segflow.core.project.TestSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a dbt project uses and segflow does not support is a positioned warning or error, never ignored silently. */
class DbtUnsupportedIsNeverSilentTest {
    @TempDir
    Path dir;

    private void write(String projectExtra, String schemaYml) throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("dbt_project.yml"), "name: shop\nprofile: shop\n" + projectExtra);
        Files.writeString(dir.resolve("profiles.yml"), "shop:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: \":memory:\"}\n");
        Files.writeString(dir.resolve("models/orders.sql"), "select 1 as order_id, 'placed' as status\n");
        Files.writeString(dir.resolve("models/schema.yml"), schemaYml);
    }

    private static List<String> lines(List<Diagnostic> ds) {
        return ds.stream().map(d -> d.format().lines().findFirst().orElse("")).toList();
    }

    @Test
    void ignorableFeaturesAreWarningsAtTheirPosition() throws Exception {
        write("analysis-paths: [analyses]\n", """
                version: 2
                models:
                  - name: orders
                    meta: {owner: sales}
                    columns:
                      - name: status
                        data_tests:
                          - accepted_values:
                              values: [placed, shipped]
                              config: {severity: WARN, limit: 5, schema: audit, warn_if: ">10"}
                """);
        Project p = new ProjectLoader(null).loadProject(dir);
        assertEquals(List.of(
                "dbt_project.yml:3:1: warning[SF111]: 'analysis-paths' in dbt_project.yml is not supported and is ignored",
                "models/schema.yml:10:50: warning[SF111]: test config 'schema' is not supported and has no effect"),
                lines(p.warnings()).stream().sorted().toList());
        TestSpec t = p.feature("orders").orElseThrow().columns().get(0).tests().get(0);
        assertEquals("warn", t.severity());
        assertEquals(5L, t.args().get("limit"));
    }

    @Test
    void hooksAreErrors() throws Exception {
        write("""
                on-run-start: ["create schema if not exists audit"]
                models:
                  shop:
                    +post-hook: "grant select on {{ this }} to reporter"
                """, """
                version: 2
                models:
                  - name: orders
                    description: '{{ doc("orders_overview") }}'
                """);
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> new ProjectLoader(null).loadProject(dir));
        List<String> errors = lines(e.diagnostics().stream().filter(d -> d.severity().name().equals("ERROR")).toList());
        assertTrue(errors.contains("dbt_project.yml:3:1: error[SF111]: 'on-run-start' hooks are not supported"), errors.toString());
        assertTrue(errors.contains("dbt_project.yml:6:5: error[SF111]: '+post-hook' hooks are not supported"), errors.toString());
    }

    @Test
    void anUnknownDocsBlockIsAnErrorAtItsModel() throws Exception {
        write("", """
                version: 2
                models:
                  - name: orders
                    description: '{{ doc("orders_overview") }}'
                """);
        Files.writeString(dir.resolve("models/docs.md"), "{% docs order_status %}\nOne of placed, shipped.\n{% enddocs %}\n");
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> new ProjectLoader(null).loadProject(dir));
        assertEquals(List.of("models/schema.yml:3:5: error[SF201]: unknown docs block 'orders_overview' in doc()"),
                lines(e.diagnostics()));
    }
}
