package io.segflow.bench;

import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import java.nio.file.Path;

/**
 * One side of {@code bench/ab.sh}: loaded by {@code bench/CompileAB.java} in a class loader of its own over one
 * build's classes, it compiles the benchmark project to three dialects each time it runs, through
 * {@link CompileBenchmark}'s own compile. It uses only the compile API both builds share.
 */
public final class CompileABRun implements Runnable {
    private final Project project;
    private final int threads;

    public CompileABRun(String dir, Integer threads) {
        this.project = new ProjectLoader(null).loadProject(Path.of(dir).toAbsolutePath());
        this.threads = threads;
    }

    @Override
    public void run() {
        CompileBenchmark.compile(project, CompileBenchmark.TARGETS, false, threads);
    }

    /** Writes the benchmark project (1,000 features, 200 segments unless given) for both sides to read. */
    public static void main(String[] args) throws java.io.IOException {
        CompileBenchmark.generate(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 1000,
                args.length > 2 ? Integer.parseInt(args[2]) : 200);
    }
}
