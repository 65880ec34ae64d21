package io.segflow.core.compile;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/** Runs compile work on a fixed number of threads; results keep the input order, so output is deterministic. */
public final class Parallel implements AutoCloseable {
    private final ForkJoinPool pool;

    public Parallel(int threads) {
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    public <T, R> List<R> map(List<T> items, Function<T, R> work) {
        if (pool == null || items.size() < 2) return items.stream().map(work).toList();
        try {
            return pool.submit(() -> items.parallelStream().map(work).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("compile interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdown();
    }
}
