package io.segflow.duckdb;

import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseAdapterFactory;
import io.segflow.spi.WarehouseException;
import io.segflow.spi.sql.SqlFlavor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * Opens embedded DuckDB databases. Settings of a {@code type: duckdb} target:
 * <ul>
 *   <li>{@code path}: database file, relative to the project root (parent directories are created);
 *       {@code :memory:} (the default) for a private in-memory database</li>
 *   <li>{@code threads}: worker threads (DuckDB default: all cores)</li>
 *   <li>{@code memory_limit}: e.g. {@code 2GB}</li>
 *   <li>{@code read_only}: {@code true} opens the file read-only (it must exist)</li>
 *   <li>{@code storage_version}: DuckDB storage compatibility of a newly created file, default {@code v1.0.0} so
 *       DuckDB 1.x clients (CLI, Python) can open it; {@code latest} for the newest format</li>
 *   <li>{@code statement_timeout_seconds}: cancels any single statement running longer (0 = none)</li>
 * </ul>
 */
public final class DuckDbAdapterFactory implements WarehouseAdapterFactory {
    public static final String TYPE = "duckdb";
    private static final String MEMORY = ":memory:";
    /** duckdb_jdbc 2.0 would write storage version 69, which DuckDB 1.x clients refuse to open. */
    static final String DEFAULT_STORAGE_VERSION = "v1.0.0";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SqlFlavor flavor() {
        return DuckDbFlavor.INSTANCE;
    }

    /** A private in-memory database. */
    @Override
    public Optional<Map<String, Object>> inProcessSettings() {
        return Optional.of(Map.of("path", MEMORY));
    }

    /**
     * Opens the file with DuckDB's {@code access_mode = READ_ONLY}: any number of read-only processes share a file,
     * so commands that only read (ls, report) work while another reader holds it. A file that does not exist yet
     * has nothing to read: an empty in-memory database stands in for it.
     */
    @Override
    public WarehouseAdapter openReadOnly(TargetConfig config) {
        String path = config.string("path", MEMORY).trim();
        Map<String, Object> settings = new LinkedHashMap<>(config.settings());
        boolean missing = !path.isEmpty() && !path.equals(MEMORY) && !Files.exists(resolve(config.projectRoot(), path));
        if (missing) {
            settings.put("path", MEMORY);
        } else if (!path.isEmpty() && !path.equals(MEMORY)) {
            settings.put("read_only", "true");
        }
        return open(new TargetConfig(config.name(), config.type(), settings, config.projectRoot()));
    }

    @Override
    public WarehouseAdapter open(TargetConfig config) {
        String path = config.string("path", MEMORY).trim();
        boolean readOnly = Boolean.parseBoolean(config.string("read_only", "false").trim().toLowerCase(Locale.ROOT));
        String storageVersion = config.string("storage_version", DEFAULT_STORAGE_VERSION).trim();
        int threads = config.integer("threads", 0);
        String memoryLimit = config.string("memory_limit", null);
        int timeoutSeconds = config.integer("statement_timeout_seconds", 0);

        String url;
        String shownPath;
        if (path.isEmpty() || path.equals(MEMORY)) {
            url = "jdbc:duckdb:";
            shownPath = MEMORY;
        } else {
            Path file = resolve(config.projectRoot(), path);
            shownPath = file.toString();
            if (!readOnly) {
                createParentDirectories(file);
            } else if (!Files.exists(file)) {
                throw new WarehouseException("DuckDB file " + file + " does not exist (target '" + config.name()
                        + "' is read_only, so it is not created)", null);
            }
            url = "jdbc:duckdb:" + file;
        }
        Properties props = new Properties();
        // Stream results chunk by chunk instead of materialising them on execute; RowStream relies on it.
        props.setProperty("jdbc_stream_results", "true");
        if (readOnly) props.setProperty("duckdb.read_only", "true");
        // Applies when DuckDB creates the file; an existing file keeps the version it was written with.
        if (!readOnly && !storageVersion.isEmpty()) props.setProperty("storage_compatibility_version", storageVersion);
        DuckDBConnection connection;
        try {
            connection = (DuckDBConnection) DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            boolean locked = String.valueOf(e.getMessage()).contains("lock");
            throw new WarehouseException("Cannot open DuckDB database " + shownPath + " for target '" + config.name()
                    + "': " + DuckDbAdapter.firstLine(e.getMessage())
                    + (locked ? " (is another segflow or DuckDB process using this file?)" : ""), null, locked, e);
        }
        try {
            applySettings(connection, threads, memoryLimit);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
        return new DuckDbAdapter(connection, timeoutSeconds, shownPath);
    }

    private static Path resolve(Path projectRoot, String path) {
        Path p = Path.of(path);
        if (!p.isAbsolute() && projectRoot != null) p = projectRoot.resolve(p);
        return p.toAbsolutePath().normalize();
    }

    private static void createParentDirectories(Path file) {
        Path parent = file.getParent();
        if (parent == null) return;
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new WarehouseException("Cannot create directory " + parent + " for the DuckDB file: " + e.getMessage(), e);
        }
    }

    private static void applySettings(Connection connection, int threads, String memoryLimit) {
        String sql = null;
        try (Statement st = connection.createStatement()) {
            if (threads > 0) {
                sql = "SET threads = " + threads;
                st.execute(sql);
            }
            if (memoryLimit != null && !memoryLimit.isBlank()) {
                sql = "SET memory_limit = '" + memoryLimit.replace("'", "''") + "'";
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw DuckDbAdapter.failure("Invalid DuckDB setting", sql, e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already failing
        }
    }
}
