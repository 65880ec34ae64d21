package io.segflow.postgres;

import io.segflow.spi.WarehouseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One segflow writer per database: a session-level advisory lock ({@code pg_try_advisory_lock}) taken on a session
 * of its own before the adapter's first write and held until it closes. The CLI's file lock serialises runs of one
 * project directory; this one serialises runs from different directories or machines against the same database.
 * The server releases it when the session ends, so a killed run never leaves it behind.
 */
final class PostgresRunLock implements AutoCloseable {
    /** 'sgfl': the advisory-lock key space segflow claims (advisory locks are per database). */
    static final int CLASS_ID = 0x7367666c;
    static final int OBJECT_ID = 1;

    private final PostgresConnections connections;
    private Connection session;

    PostgresRunLock(PostgresConnections connections) {
        this.connections = connections;
    }

    /** Takes the lock unless held; throws naming the holder when another session has it. */
    synchronized void acquire() {
        if (session != null) return;
        Connection c = connections.open();
        try {
            if (tryLock(c)) {
                session = c;
                return;
            }
            String holder = holder(c);
            PostgresConnections.closeQuietly(c);
            throw new WarehouseException("Another segflow run is writing to the PostgreSQL database " + connections.display()
                    + " (" + holder + "); runs against one database take turns: retry when it has finished", null,
                    true, null);
        } catch (SQLException e) {
            PostgresConnections.closeQuietly(c);
            throw PostgresAdapter.failure("Cannot take segflow's run lock on " + connections.display(), null, e);
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, CLASS_ID);
            ps.setInt(2, OBJECT_ID);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String holder(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.pid, a.application_name, a.client_addr, a.backend_start"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
                + " AND l.classid = ? AND l.objid = ? AND l.granted")) {
            ps.setLong(1, CLASS_ID);
            ps.setLong(2, OBJECT_ID);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return "holder not visible to this user";
                return "held by backend " + rs.getInt(1) + " '" + rs.getString(2) + "'"
                        + (rs.getString(3) == null ? "" : " from " + rs.getString(3)) + " since " + rs.getString(4);
            }
        }
    }

    @Override
    public synchronized void close() {
        PostgresConnections.closeQuietly(session);
        session = null;
    }
}
