package io.segflow.bench;

import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.EmitTarget;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;

/**
 * One side of {@code bench/ab.sh}: loaded by {@code bench/CompileAB.java} in a class loader of its own over one
 * build's classes, it compiles the benchmark project to three dialects each time it runs, as
 * {@link CompileBenchmark} does. It uses only the compile API both builds share.
 */
public final class CompileABRun implements Runnable {
    private static final List<EmitTarget> TARGETS = List.of(
            new EmitTarget("duckdb", "duckdb", DuckDBSqlDialect.DEFAULT),
            new EmitTarget("snowflake", "snowflake", SnowflakeSqlDialect.DEFAULT),
            new EmitTarget("bigquery", "bigquery", BigQuerySqlDialect.DEFAULT));
    private final Project project;
    private final int threads;

    public CompileABRun(String dir, Integer threads) {
        this.project = new ProjectLoader(null).loadProject(Path.of(dir).toAbsolutePath());
        this.threads = threads;
    }

    @Override
    public void run() {
        new ProjectCompiler(project, new CompileOptions("bench", "duckdb", DuckDBSqlDialect.DEFAULT, Map.of(), Map.of(),
                null, threads), false).compile(TARGETS);
    }

    /** Writes the benchmark project (1,000 features, 200 segments unless given) for both sides to read. */
    public static void main(String[] args) throws java.io.IOException {
        CompileBenchmark.generate(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 1000,
                args.length > 2 ? Integer.parseInt(args[2]) : 200);
    }
}
