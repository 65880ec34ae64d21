package io.segflow.core.compile;

import io.segflow.core.sql.DialectCompiler;
import io.segflow.core.sql.ValidatedSql;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlDialect;

/**
 * A data test validated once; {@link #emit} gives its query for one dialect. {@code compiled} holds its SQL per
 * dialect key when it came from the compile cache (empty otherwise), {@code canonical} its canonical text (see
 * {@link DialectCompiler#canonical}), kept with it for the same reason.
 */
public record ValidatedTest(String id, String name, String kind, String attachedTo, String column, String severity,
                            Path path, ValidatedSql query, Set<String> dependsOn, Map<String, String> compiled,
                            String canonical) {
    public ValidatedTest {
        dependsOn = Set.copyOf(dependsOn);
        compiled = Map.copyOf(compiled);
        if (canonical == null) canonical = DialectCompiler.canonical(query);
    }

    public ValidatedTest(String id, String name, String kind, String attachedTo, String column, String severity,
                         Path path, ValidatedSql query, Set<String> dependsOn) {
        this(id, name, kind, attachedTo, column, severity, path, query, dependsOn, Map.of(), null);
    }

    public CompiledTest emit(SqlDialect dialect) {
        return emit(dialect, null);
    }

    /** The query for {@code dialect}, from the compile cache when it holds SQL for {@code dialectKey}. */
    public CompiledTest emit(SqlDialect dialect, String dialectKey) {
        String sql = dialectKey == null ? null : compiled.get(dialectKey);
        return new CompiledTest(id, name, kind, attachedTo, column, severity, path,
                sql != null ? sql : DialectCompiler.compile(query, dialect), dependsOn);
    }
}
