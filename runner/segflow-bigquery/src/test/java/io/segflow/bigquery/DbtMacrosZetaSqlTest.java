package io.segflow.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.project.ProjectLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dbt-macro fixture of segflow-cli (bundled dbt_utils macros and tests, dbt cross-database macros) compiled for
 * BigQuery: every feature and test statement is analysed by ZetaSQL against the fixture's own relations.
 */
class DbtMacrosZetaSqlTest {
    @Test
    void everyStatementOfTheDbtMacroFixtureIsValidBigQuery() {
        var root = BigQueryZetaSqlValidationTest.repoRoot().resolve("runner/segflow-cli/src/test/resources/dbt_macros/jaffle");
        CompiledProject cp = new ProjectCompiler(new ProjectLoader(null).loadProject(root),
                new CompileOptions("bigquery", "bigquery", new BigQueryAdapterFactory().dialect(), Map.of(), Map.of(), null))
                .compile();
        Map<String, String> statements = BigQueryZetaSqlValidationTest.exampleStatements(cp);
        List<String> failures = BigQueryZetaSqlValidationTest.analyse(statements,
                BigQueryZetaSqlValidationTest.catalogOf(cp));
        assertEquals(List.of(), failures);
    }
}
