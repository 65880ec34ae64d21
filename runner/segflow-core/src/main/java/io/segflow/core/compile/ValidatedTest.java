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

/** A data test validated once; {@link #emit} gives its query for one dialect. */
public record ValidatedTest(String id, String name, String kind, String attachedTo, String column, String severity,
                            Path path, ValidatedSql query, Set<String> dependsOn, TestConfig config,
                            ValidatedSql failCalc) {
    public ValidatedTest {
        dependsOn = Set.copyOf(dependsOn);
    }

    public CompiledTest emit(SqlDialect dialect) {
        return emit(dialect, Map.of());
    }

    /** The test for {@code dialect} with the ephemeral features it reads inlined as CTEs, as their dependents get them. */
    public CompiledTest emit(SqlDialect dialect, Map<RelationName, SqlNode> ephemerals) {
        return new CompiledTest(id, name, kind, attachedTo, column, severity, path,
                DialectCompiler.compile(query, dialect, ephemerals), dependsOn, config,
                failCalc == null ? null : DialectCompiler.compile(failCalc, dialect, ephemerals));
    }
}
