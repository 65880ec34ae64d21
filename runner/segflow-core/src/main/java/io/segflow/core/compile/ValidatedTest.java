package io.segflow.core.compile;

import io.segflow.core.sql.DialectCompiler;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.core.test.TestConfig;
import java.nio.file.Path;
import io.segflow.spi.RelationName;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlDialect;

/**
 * A data test validated once; {@link #emit} gives its query for one dialect. {@code compiled} holds its SQL per
 * dialect key when it came from the compile cache (empty otherwise), {@code canonical} its canonical text (see
 * {@link DialectCompiler#canonical}), kept with it for the same reason. {@code failCalc} is dbt's failure count
 * over the failing rows, when the test's config sets one.
 */
public record ValidatedTest(String id, String name, String kind, String attachedTo, String column, String severity,
                            Path path, ValidatedSql query, Set<String> dependsOn, TestConfig config,
                            ValidatedSql failCalc, Map<String, String> compiled, String canonical) {
    public ValidatedTest {
        dependsOn = Set.copyOf(dependsOn);
        compiled = Map.copyOf(compiled);
        if (canonical == null) canonical = DialectCompiler.canonical(query);
    }

    public ValidatedTest(String id, String name, String kind, String attachedTo, String column, String severity,
                         Path path, ValidatedSql query, Set<String> dependsOn) {
        this(id, name, kind, attachedTo, column, severity, path, query, dependsOn, TestConfig.DEFAULT, null, Map.of(),
                null);
    }

    public CompiledTest emit(SqlDialect dialect) {
        return emit(dialect, null, Map.of());
    }

    /**
     * The test for {@code dialect}, from the compile cache when it holds SQL for {@code dialectKey}, else with the
     * ephemeral features it reads inlined as CTEs, as their dependents get them.
     */
    public CompiledTest emit(SqlDialect dialect, String dialectKey, Map<RelationName, SqlNode> ephemerals) {
        String sql = dialectKey == null ? null : compiled.get(dialectKey);
        return new CompiledTest(id, name, kind, attachedTo, column, severity, path,
                sql != null ? sql : DialectCompiler.compile(query, dialect, ephemerals), dependsOn, config,
                failCalc == null ? null : DialectCompiler.compile(failCalc, dialect, ephemerals));
    }
}
