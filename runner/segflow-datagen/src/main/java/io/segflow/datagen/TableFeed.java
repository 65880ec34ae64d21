package io.segflow.datagen;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-off of rows from the generating thread to one table's bulk-load thread, in batches. Memory stays
 * bounded by the queue capacity. {@link #abort()} makes the loader's iterator throw, so its load rolls back
 * instead of committing a partial table.
 */
final class TableFeed implements Iterator<Object[]> {
    private static final int BATCH = 2048;
    private static final List<Object[]> END = new ArrayList<>();
    private static final List<Object[]> ABORT = new ArrayList<>();

    private final String table;
    private final BlockingQueue<List<Object[]>> queue = new ArrayBlockingQueue<>(8);
    private List<Object[]> pending = new ArrayList<>(BATCH);
    private volatile boolean loaderStopped;
    private List<Object[]> current = List.of();
    private int position;
    private boolean ended;

    TableFeed(String table) {
        this.table = table;
    }

    // ---- producer side ----

    void add(Object[] row) {
        pending.add(row);
        if (pending.size() == BATCH) {
            put(pending);
            pending = new ArrayList<>(BATCH);
        }
    }

    void finish() {
        put(pending);
        pending = null;
        put(END);
    }

    void abort() {
        queue.clear();
        queue.offer(ABORT);
    }

    /** Called by the loader thread when its load returns or fails, so the producer never blocks forever. */
    void loaderStopped() {
        loaderStopped = true;
    }

    private void put(List<Object[]> batch) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (loaderStopped) throw new IllegalStateException("the load of table " + table + " stopped early");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating " + table, e);
        }
    }

    // ---- loader side ----

    @Override
    public boolean hasNext() {
        while (!ended && position == current.size()) {
            List<Object[]> next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading " + table, e);
            }
            if (next == ABORT) throw new IllegalStateException("data generation failed; the load of " + table
                    + " is rolled back");
            if (next == END) {
                ended = true;
            } else {
                current = next;
                position = 0;
            }
        }
        return !ended;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) throw new NoSuchElementException();
        return current.get(position++);
    }
}
