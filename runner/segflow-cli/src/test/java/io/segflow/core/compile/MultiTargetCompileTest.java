package io.segflow.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.junit.jupiter.api.Test;

/**
 * One validation emitted to three dialects gives, per dialect, exactly the statements a compile for that dialect
 * alone gives (features, incremental branches, tests, segments), whatever order the dialects come in.
 */
class MultiTargetCompileTest {
    @Test
    void threeDialectsFromOneValidationMatchEachDialectAlone() {
        List<EmitTarget> targets = List.of(new EmitTarget("bigquery", "bigquery", BigQuerySqlDialect.DEFAULT),
                new EmitTarget("duckdb", "duckdb", DuckDBSqlDialect.DEFAULT),
                new EmitTarget("snowflake", "snowflake", SnowflakeSqlDialect.DEFAULT));
        CompileOptions options = new CompileOptions("duckdb", "duckdb", DuckDBSqlDialect.DEFAULT, Map.of(), Map.of(), null);
        List<CompiledProject> together = new ProjectCompiler(ExampleProjectDialectsTest.exampleWithCoreSegmentTypes(),
                options).compile(targets);
        for (int i = 0; i < targets.size(); i++) {
            EmitTarget t = targets.get(i);
            CompiledProject alone = ExampleProjectDialectsTest.compile(t.name(), t.dialect());
            assertEquals(ExampleProjectDialectsTest.statements(alone), ExampleProjectDialectsTest.statements(together.get(i)),
                    t.name());
            assertEquals(t.name(), together.get(i).options().targetName());
        }
    }
}
