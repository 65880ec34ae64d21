package io.segflow.postgres;

import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseAdapterFactory;
import io.segflow.spi.WarehouseException;
import io.segflow.spi.sql.SqlFlavor;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Opens PostgreSQL (15 or later: {@code MERGE}) through pgjdbc. Settings of a {@code type: postgres} target:
 * {@code host} (default {@code localhost}), {@code port} (5432), {@code user}, {@code password} (through
 * {@code env_var()}), {@code dbname}, {@code schema} (the session's search path), {@code sslmode} ({@code disable},
 * {@code allow}, {@code prefer} (default), {@code require}, {@code verify-ca}, {@code verify-full}),
 * {@code connect_timeout_seconds} (10) and {@code run_lock} ({@code true}: one segflow writer per database, see
 * {@link PostgresRunLock}). Error messages never contain the password.
 */
public final class PostgresAdapterFactory implements WarehouseAdapterFactory {
    public static final String TYPE = "postgres";
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SqlFlavor flavor() {
        return PostgresFlavor.INSTANCE;
    }

    @Override
    public WarehouseAdapter open(TargetConfig config) {
        String host = config.string("host", "localhost").trim();
        int port = config.integer("port", 5432);
        String dbname = required(config, "dbname");
        String display = host + ":" + port + "/" + dbname;
        PostgresConnections connections = new PostgresConnections("jdbc:postgresql://" + host + ":" + port + "/",
                properties(config, dbname), display);
        connections.release(connections.borrow()); // fail fast on a wrong host, user or password
        boolean runLock = Boolean.parseBoolean(config.string("run_lock", "true").trim());
        return new PostgresAdapter(connections, dbname, runLock);
    }

    /** Driver properties (package-private for tests). */
    static Properties properties(TargetConfig config, String dbname) {
        Properties p = new Properties();
        p.setProperty("PGDBNAME", dbname);
        p.setProperty("user", required(config, "user"));
        String password = config.string("password", "");
        if (!password.isEmpty()) p.setProperty("password", password);
        String sslmode = config.string("sslmode", "prefer").trim().toLowerCase(Locale.ROOT);
        if (!SSL_MODES.contains(sslmode)) {
            throw new WarehouseException("target '" + config.name() + "' (postgres): sslmode '" + sslmode
                    + "' is not one of " + String.join(", ", SSL_MODES.stream().sorted().toList()), null);
        }
        p.setProperty("sslmode", sslmode);
        String schema = config.string("schema", "").trim();
        if (!schema.isEmpty()) p.setProperty("currentSchema", schema);
        p.setProperty("connectTimeout", String.valueOf(config.integer("connect_timeout_seconds", 10)));
        p.setProperty("ApplicationName", applicationName(config.projectRoot()));
        // Statements segflow sends are whole; server-side prepared statements would only cost a round trip.
        p.setProperty("prepareThreshold", "0");
        return p;
    }

    /** {@code segflow <project directory>}: what a refused concurrent run is told holds the run lock. */
    private static String applicationName(Path projectRoot) {
        String name = "segflow" + (projectRoot == null ? "" : " " + projectRoot.toAbsolutePath().normalize());
        return name.length() <= 63 ? name : "segflow ..." + name.substring(name.length() - 52);
    }

    private static String required(TargetConfig config, String key) {
        String v = config.string(key, "").trim();
        if (v.isEmpty()) {
            throw new WarehouseException("target '" + config.name() + "' (postgres) needs '" + key + "'", null);
        }
        return v;
    }
}
