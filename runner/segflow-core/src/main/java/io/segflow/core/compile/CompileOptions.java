package io.segflow.core.compile;

import io.segflow.core.render.QueryRunner;
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
 * sources declared without columns (introspection or a catalog snapshot), how many threads render,
 * validate and emit, and what answers templates' {@code run_query()} (null when compiling offline).
 */
public record CompileOptions(String targetName, String targetType, SqlDialect dialect, Map<String, Object> cliVars,
                             Map<String, String> env,
                             Function<RelationName, Optional<List<ColumnDef>>> sourceSchemas, int threads,
                             QueryRunner queryRunner) {
    public CompileOptions {
        cliVars = Map.copyOf(cliVars);
        env = Map.copyOf(env);
        if (sourceSchemas == null) sourceSchemas = r -> Optional.empty();
        if (threads <= 0) threads = Runtime.getRuntime().availableProcessors();
    }

    /** Rendering offline: {@code run_query()} is an error. */
    public CompileOptions(String targetName, String targetType, SqlDialect dialect, Map<String, Object> cliVars,
                          Map<String, String> env, Function<RelationName, Optional<List<ColumnDef>>> sourceSchemas,
                          int threads) {
        this(targetName, targetType, dialect, cliVars, env, sourceSchemas, threads, null);
    }

    /** The same options with templates' {@code run_query()} and statements answered by {@code runner}. */
    public CompileOptions withQueryRunner(QueryRunner runner) {
        return new CompileOptions(targetName, targetType, dialect, cliVars, env, sourceSchemas, threads, runner);
    }

    /** With as many threads as processors. */
    public CompileOptions(String targetName, String targetType, SqlDialect dialect, Map<String, Object> cliVars,
                          Map<String, String> env, Function<RelationName, Optional<List<ColumnDef>>> sourceSchemas) {
        this(targetName, targetType, dialect, cliVars, env, sourceSchemas, 0);
    }

    /** The same options for another target. */
    public CompileOptions forTarget(EmitTarget target) {
        return new CompileOptions(target.name(), target.type(), target.dialect(), cliVars, env, sourceSchemas, threads,
                queryRunner);
    }
}
