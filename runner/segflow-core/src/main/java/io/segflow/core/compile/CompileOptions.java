package io.segflow.core.compile;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.calcite.sql.SqlDialect;

/**
 * What compile needs besides the project: the target (name/type for Jinja's {@code target}), its
 * dialect, CLI vars, the environment for {@code env_var}, an optional schema provider used for
 * sources declared without columns (introspection or a catalog snapshot), and how many threads render,
 * validate and emit.
 */
public record CompileOptions(String targetName, String targetType, SqlDialect dialect, Map<String, Object> cliVars,
                             Map<String, String> env,
                             Function<RelationName, Optional<List<ColumnDef>>> sourceSchemas, int threads) {
    public CompileOptions {
        cliVars = Map.copyOf(cliVars);
        env = Map.copyOf(env);
        if (sourceSchemas == null) sourceSchemas = r -> Optional.empty();
        if (threads <= 0) threads = Runtime.getRuntime().availableProcessors();
    }

    /** With as many threads as processors. */
    public CompileOptions(String targetName, String targetType, SqlDialect dialect, Map<String, Object> cliVars,
                          Map<String, String> env, Function<RelationName, Optional<List<ColumnDef>>> sourceSchemas) {
        this(targetName, targetType, dialect, cliVars, env, sourceSchemas, 0);
    }

    /** The same options for another target. */
    public CompileOptions forTarget(EmitTarget target) {
        return new CompileOptions(target.name(), target.type(), target.dialect(), cliVars, env, sourceSchemas, threads);
    }
}
