package io.segflow.cli;


import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import io.segflow.testkit.LivePostgres;

/**
 * A database of its own on the live PostgreSQL server named by SEGFLOW_PG_HOST, SEGFLOW_PG_PORT, SEGFLOW_PG_USER,
 * SEGFLOW_PG_PASSWORD and SEGFLOW_PG_DB (see {@code .ci/postgres.sh}), dropped on close. Without a server the test
 * is skipped with that reason, except under {@code CI=true}, where it fails.
 */
final class PostgresScratchDatabase implements AutoCloseable {
    final String name;

    private PostgresScratchDatabase(String name) {
        this.name = name;
    }

    static PostgresScratchDatabase create(String prefix) throws SQLException {
        LivePostgres.settings(); // skips the test without a server (fails under CI=true)
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = connect(env("SEGFLOW_PG_DB")); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return new PostgresScratchDatabase(name);
    }

    static Connection connect(String database) throws SQLException {
        String port = env("SEGFLOW_PG_PORT").isEmpty() ? "5432" : env("SEGFLOW_PG_PORT");
        return DriverManager.getConnection("jdbc:postgresql://" + env("SEGFLOW_PG_HOST") + ":" + port + "/" + database,
                env("SEGFLOW_PG_USER"), env("SEGFLOW_PG_PASSWORD"));
    }

    Connection connect() throws SQLException {
        return connect(name);
    }

    /** The example project's profiles.yml text with its postgres target pointed at this database. */
    String intoProfiles(String profiles) {
        return profiles.replace("env_var('SEGFLOW_PG_DB', 'segflow')", "env_var('SEGFLOW_PG_SCRATCH_UNSET', '" + name + "')");
    }

    /** Rows of a query as text, doubles to 6 decimals. */
    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof Number num && !(v instanceof Long || v instanceof Integer)) {
                        v = String.format(java.util.Locale.ROOT, "%.6f", num.doubleValue());
                    }
                    sb.append(v).append('|');
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /**
     * Drops the database. An autovacuum worker analysing the freshly built tables runs as the superuser, and FORCE
     * may not end it ("must be a member of the role whose process is being terminated"): such a worker finishes in
     * moments, so the drop is retried for a while.
     */
    @Override
    public void close() throws SQLException, InterruptedException {
        long until = System.currentTimeMillis() + 30_000;
        while (true) {
            try (Connection c = connect(env("SEGFLOW_PG_DB")); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return;
            } catch (SQLException e) {
                if (!"42501".equals(e.getSQLState()) || System.currentTimeMillis() > until) throw e;
                Thread.sleep(250);
            }
        }
    }

    private static String env(String key) {
        String v = System.getenv(key);
        return v == null ? "" : v.trim();
    }
}
