package io.segflow.snowflake;

import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseAdapterFactory;
import io.segflow.spi.WarehouseException;
import io.segflow.spi.sql.SqlFlavor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * Opens Snowflake through snowflake-jdbc. Settings of a {@code type: snowflake} target: {@code account},
 * {@code user}, {@code warehouse}, {@code database}, {@code role}, {@code schema}; authentication by
 * {@code password}, key pair ({@code private_key_path} + optional {@code private_key_passphrase}) or OAuth
 * ({@code authenticator: oauth} + {@code token}); {@code host}/{@code port} (PrivateLink or proxies; default
 * {@code <account>.snowflakecomputing.com}); {@code query_tag} (default {@code segflow}), {@code retries}
 * (default 3). Secrets come from {@code env_var()}; error messages never contain setting values.
 */
public final class SnowflakeAdapterFactory implements WarehouseAdapterFactory {
    public static final String TYPE = "snowflake";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SqlFlavor flavor() {
        return SnowflakeFlavor.INSTANCE;
    }

    @Override
    public WarehouseAdapter open(TargetConfig config) {
        String account = required(config, "account");
        Properties props = connectionProperties(config);
        String host = config.string("host", "").trim();
        String url = "jdbc:snowflake://" + (host.isEmpty() ? account + ".snowflakecomputing.com" : host)
                + (config.settings().containsKey("port") ? ":" + config.integer("port", 443) : "") + "/";
        Connection c;
        try {
            c = DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            // the driver's message may echo properties; report the SQLState and vendor code only
            throw new WarehouseException("Cannot connect to Snowflake account '" + account + "' for target '"
                    + config.name() + "' (SQLState " + e.getSQLState() + ", code " + e.getErrorCode() + ")", null,
                    SnowflakeAdapter.isTransient(e), null);
        }
        return new SnowflakeAdapter(c, config.string("query_tag", "segflow"), Math.max(0, config.integer("retries", 3)));
    }

    /** JDBC properties for the target's authentication method (package-private for tests). */
    static Properties connectionProperties(TargetConfig config) {
        Properties p = new Properties();
        p.setProperty("user", required(config, "user"));
        for (String k : new String[] {"warehouse", "database", "role", "schema"}) {
            String v = config.string(k, "").trim();
            if (!v.isEmpty()) p.setProperty(k.equals("database") ? "db" : k, v);
        }
        String authenticator = config.string("authenticator", "").trim().toLowerCase(Locale.ROOT);
        String keyPath = config.string("private_key_path", "").trim();
        if (authenticator.equals("oauth")) {
            p.setProperty("authenticator", "oauth");
            p.setProperty("token", required(config, "token"));
        } else if (!keyPath.isEmpty()) {
            Path key = Path.of(keyPath);
            if (!key.isAbsolute() && config.projectRoot() != null) key = config.projectRoot().resolve(key);
            p.setProperty("authenticator", "snowflake_jwt");
            p.setProperty("private_key_file", key.toString());
            String pass = config.string("private_key_passphrase", "");
            if (!pass.isEmpty()) p.setProperty("private_key_pwd", pass);
        } else {
            p.setProperty("password", required(config, "password"));
        }
        p.setProperty("application", "segflow");
        p.setProperty("account", config.string("account", "").trim());
        if (config.settings().containsKey("host")) p.setProperty("ssl", config.string("ssl", "on"));
        p.setProperty("loginTimeout", String.valueOf(config.integer("login_timeout_seconds", 60)));
        // the driver otherwise probes cloud metadata addresses (169.254.169.254, metadata.google.internal) on connect
        p.setProperty("disablePlatformDetection", "true");
        // Arrow result format needs --add-opens; JSON keeps the jar usable on a plain JVM.
        p.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
        return p;
    }

    private static String required(TargetConfig config, String key) {
        String v = config.string(key, "").trim();
        if (v.isEmpty()) {
            throw new WarehouseException("target '" + config.name() + "' (snowflake) needs '" + key + "'"
                    + (TargetConfig.isSecretKey(key) ? " (set it through env_var(), never in the file)" : ""), null);
        }
        return v;
    }
}
