package io.segflow.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import io.segflow.testkit.GoldenFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.junit.jupiter.api.Test;

/**
 * The jaffle fixture of {@code DbtMacrosEndToEndTest} (bundled dbt_utils macros and tests, dbt cross-database
 * macros, a package macro dispatched per target) compiled for every warehouse matches golden files
 * ({@code dbt_macros/golden/<target type>.sql}): the templates render the neutral SQL once per target type and each
 * warehouse's flavor spells it. The DuckDB file is what the end-to-end test runs. Regenerate with
 * {@code -Dsegflow.updateGolden=true}.
 */
class DbtMacrosDialectsTest {
    private static final Path FIXTURE = Path.of("src/test/resources/dbt_macros/jaffle");
    private static final Path GOLDEN = Path.of("src/test/resources/dbt_macros/golden");

    @Test
    void everyTargetMatchesItsGoldenFile() {
        Project project = new ProjectLoader(null).loadProject(FIXTURE);
        Map<String, SqlDialect> targets = new LinkedHashMap<>();
        targets.put("duckdb", DuckDBSqlDialect.DEFAULT);
        targets.put("snowflake", SnowflakeSqlDialect.DEFAULT);
        targets.put("bigquery", BigQuerySqlDialect.DEFAULT);
        targets.put("postgres", PostgresqlSqlDialect.DEFAULT);
        targets.forEach((type, dialect) -> {
            CompiledProject cp = new ProjectCompiler(project,
                    new CompileOptions(type, type, dialect, Map.of(), Map.of(), null)).compile();
            Map<String, String> statements = ExampleProjectDialectsTest.statements(cp);
            assertEquals(9 + 19, statements.size(), statements.keySet().toString());
            StringBuilder text = new StringBuilder();
            statements.forEach((name, sql) -> text.append("-- ").append(name).append('\n').append(sql).append(";\n\n"));
            GoldenFile.assertMatches(GOLDEN.resolve(type + ".sql"), text.toString().stripTrailing() + "\n",
                    "the jaffle fixture compiled for " + type);
        });
    }
}
