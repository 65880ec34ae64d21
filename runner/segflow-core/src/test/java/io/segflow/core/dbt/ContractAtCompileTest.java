package io.segflow.core.dbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.project.ProjectLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declared column types and dbt model contracts are checked against the validated row type at compile. */
class ContractAtCompileTest {
    @TempDir
    Path dir;

    private List<String> compileErrors(String properties) throws Exception {
        Files.createDirectories(dir.resolve("features"));
        Files.writeString(dir.resolve("segflow_project.yml"), "name: contracts\n");
        Files.writeString(dir.resolve("profiles.yml"), """
                contracts:
                  target: dev
                  outputs:
                    dev: {type: duckdb, path: ":memory:"}
                """);
        Files.writeString(dir.resolve("features/customers.sql"),
                "select cast(1 as bigint) as customer_id, 'Ann' as first_name, cast(2.5 as decimal(10,2)) as spend\n");
        Files.writeString(dir.resolve("features/customers.yml"), properties);
        DiagnosticException e = assertThrows(DiagnosticException.class,
                () -> DbtProjectBuildTest.compile(new ProjectLoader(null).loadProject(dir)));
        return e.diagnostics().stream().map(Diagnostic::format).map(s -> s.lines().findFirst().orElse("")).toList();
    }

    @Test
    void aDeclaredVarcharOnABigintColumnFailsAtTheColumn() throws Exception {
        assertEquals(List.of("features/customers.yml:5:9: error[SF306]: column 'customer_id' of 'customers' is declared "
                + "VARCHAR but the query returns BIGINT"), compileErrors("""
                version: 2
                models:
                  - name: customers
                    columns:
                      - name: customer_id
                        data_type: VARCHAR
                      - name: spend
                        data_type: numeric(38, 4)
                """));
    }

    @Test
    void anEnforcedContractNeedsExactlyTheDeclaredTypedColumns() throws Exception {
        assertEquals(List.of(
                "features/customers.yml:3:5: error[SF306]: contract of 'customers': the query returns column 'spend' "
                        + "(DECIMAL(10,2)) that is not declared",
                "features/customers.yml:8:9: error[SF306]: contract of 'customers': column 'first_name' has no data_type",
                "features/customers.yml:9:9: error[SF306]: contract of 'customers': column 'signup_date' is declared but "
                        + "the query does not return it"), compileErrors("""
                version: 2
                models:
                  - name: customers
                    config:
                      contract: {enforced: true}
                    columns:
                      - {name: customer_id, data_type: bigint}
                      - name: first_name
                      - {name: signup_date, data_type: date}
                """));
    }
}
