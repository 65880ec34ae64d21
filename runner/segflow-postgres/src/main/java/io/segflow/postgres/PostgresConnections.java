package io.segflow.postgres;

import io.segflow.spi.WarehouseException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;

/**
 * The adapter's sessions: idle connections are reused, so parallel models each get their own session without a
 * connect per statement. A connection that failed (terminated backend, restarted server) is dropped, never reused.
 * Every session runs in UTC, as segflow writes timestamps.
 */
final class PostgresConnections implements AutoCloseable {
    private static final int MAX_IDLE = 8;

    private final String url;
    private final Properties props;
    private final String display;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();
    private boolean closed;

    PostgresConnections(String url, Properties props, String display) {
        this.url = url;
        this.props = props;
        this.display = display;
    }

    /** Where the adapter connects ({@code host:port/dbname}), for messages. */
    String display() {
        return display;
    }

    /** A connection in autocommit mode; give it back with {@link #release}. */
    Connection borrow() {
        synchronized (this) {
            if (closed) throw new WarehouseException("the PostgreSQL adapter for " + display + " is closed", null);
            while (!idle.isEmpty()) {
                Connection c = idle.pop();
                if (usable(c)) return c;
                all.remove(c);
            }
        }
        Connection c = open();
        synchronized (this) {
            all.add(c);
        }
        return c;
    }

    /** Opens a session that is not pooled (the run lock's). */
    Connection open() {
        try {
            Connection c = DriverManager.getConnection(url, props);
            try (Statement st = c.createStatement()) {
                st.execute("SET TIME ZONE 'UTC'");
            }
            return c;
        } catch (SQLException e) {
            throw new WarehouseException("Cannot connect to PostgreSQL at " + display + ": " + PostgresAdapter.firstLine(
                    e.getMessage()) + " (SQLState " + e.getSQLState() + ")", null, true, null);
        }
    }

    void release(Connection c) {
        boolean keep;
        try {
            keep = !c.isClosed() && c.getAutoCommit();
            if (!keep && !c.isClosed()) {
                c.rollback();
                c.setAutoCommit(true);
                keep = true;
            }
        } catch (SQLException e) {
            keep = false;
        }
        synchronized (this) {
            if (keep && !closed && idle.size() < MAX_IDLE) {
                idle.push(c);
                return;
            }
            all.remove(c);
        }
        closeQuietly(c);
    }

    /** Drops a connection whose session failed. */
    void discard(Connection c) {
        synchronized (this) {
            all.remove(c);
        }
        closeQuietly(c);
    }

    private static boolean usable(Connection c) {
        try {
            return !c.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        List<Connection> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        open.forEach(PostgresConnections::closeQuietly);
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
