package io.segflow.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Warehouse drivers (the Snowflake JDBC driver among them) log through java.util.logging, whose default console
 * handler prints multi-line {@code SEVERE:} blocks to stderr and breaks {@code --log-format json}. This routes every
 * such record into segflow's own log instead: dropped unless {@code --debug}, then one line (or one JSON event).
 */
final class DriverLogging extends Handler {
    private final Console console;
    private final SimpleFormatter formatter = new SimpleFormatter();

    private DriverLogging(Console console) {
        this.console = console;
    }

    /** Replaces the root logger's handlers with one writing to {@code console}; quiet unless {@code debug}. */
    static void route(Console console, boolean debug) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) root.removeHandler(h);
        Handler handler = new DriverLogging(console);
        // drivers that set their own logger's level still reach the root's handlers, so the handler filters too
        handler.setLevel(debug ? Level.INFO : Level.OFF);
        root.addHandler(handler);
        root.setLevel(debug ? Level.INFO : Level.OFF);
    }

    @Override
    public void publish(LogRecord r) {
        if (r == null || !isLoggable(r)) return;
        String message = formatter.formatMessage(r);
        if (r.getThrown() != null) message += ": " + r.getThrown();
        if (console.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("logger", r.getLoggerName());
            m.put("driver_level", r.getLevel().getName().toLowerCase(Locale.ROOT));
            m.put("message", message);
            console.event("debug", "driver_log", m);
            return;
        }
        console.debug("[" + r.getLoggerName() + "] " + r.getLevel().getName() + " " + message.replace('\n', ' '));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
