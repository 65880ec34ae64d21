package io.segflow.cli;

import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * A progress bar for long work: redrawn in place on an interactive terminal, a line per 10% otherwise, and a
 * "progress" event per 10% in json log mode.
 */
final class ProgressBar implements LongConsumer {
    private static final int WIDTH = 30;
    private final Console console;
    private final String label;
    private final long total;
    private final boolean interactive;
    private final long started = System.nanoTime();
    private int lastDecile = -1;

    ProgressBar(Console console, String label, long total) {
        this.console = console;
        this.label = label;
        this.total = Math.max(1, total);
        this.interactive = System.console() != null && !console.json();
    }

    @Override
    public synchronized void accept(long done) {
        double fraction = Math.min(1.0, (double) done / total);
        double secs = (System.nanoTime() - started) / 1e9;
        if (interactive) {
            int filled = (int) Math.round(fraction * WIDTH);
            console.err().print(String.format(Locale.ROOT, "\r  %s [%s%s] %3.0f%% %,d/%,d %.0fs", label,
                    "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, done, total, secs));
            if (done >= total) console.err().println();
            console.err().flush();
            return;
        }
        int decile = (int) Math.floor(fraction * 10);
        if (decile == lastDecile) return;
        lastDecile = decile;
        if (console.json()) {
            console.event("info", "progress", Map.of("task", label, "done", done, "total", total,
                    "seconds", Math.round(secs * 10) / 10.0));
        } else if (decile > 0) {
            console.info(String.format(Locale.ROOT, "  %s %d%% (%,d/%,d, %.0fs)", label, decile * 10, done, total, secs));
        }
    }
}
