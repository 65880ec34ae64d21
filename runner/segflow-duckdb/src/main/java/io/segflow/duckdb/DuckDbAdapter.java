package io.segflow.duckdb;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import io.segflow.spi.sql.SqlFlavor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * {@link WarehouseAdapter} over an embedded DuckDB database (duckdb_jdbc). Thread-safe: every call runs on its own
 * duplicate of the root connection, so independent models can materialise in parallel.
 *
 * <p><b>Atomicity and kill-safety.</b> Every replace/merge/bulk load runs in one explicit DuckDB transaction
 * ({@code CREATE OR REPLACE ... AS}, {@code MERGE}, Appender writes and the drop of a table/view of the other
 * kind all inside it). DuckDB is MVCC: until {@code COMMIT} other connections keep seeing the old relation, and
 * an error rolls everything back. DuckDB records a transaction in its write-ahead log only when it commits (large
 * uncommitted inserts go to free blocks that no checkpointed metadata points to), so if the JVM is killed
 * mid-way, reopening the file replays only committed transactions and the previous relation is intact.
 * {@code DuckDbKillSafetyTest} proves this by killing a child JVM during a slow replace.
 */
public final class DuckDbAdapter implements WarehouseAdapter {
    private static final AtomicLong STAGE_COUNTER = new AtomicLong();

    private final DuckDBConnection root;
    private final int timeoutSeconds;
    private final String displayPath;
    private final String currentDatabase;

    DuckDbAdapter(DuckDBConnection root, int timeoutSeconds, String displayPath) {
        this.root = root;
        this.timeoutSeconds = Math.max(0, timeoutSeconds);
        this.displayPath = displayPath;
        this.currentDatabase = withConnection(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_database()")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @Override
    public String type() {
        return DuckDbAdapterFactory.TYPE;
    }

    @Override
    public SqlFlavor flavor() {
        return DuckDbFlavor.INSTANCE;
    }


    /** The database file (or {@code :memory:}) this adapter writes to. */
    public String path() {
        return displayPath;
    }

    @Override
    public void execute(String sql) {
        withConnection(c -> {
            exec(c, sql);
            return null;
        });
    }

    @Override
    public void executeAtomically(List<String> statements) {
        inTransaction(c -> {
            for (String sql : statements) exec(c, sql);
            return null;
        });
    }

    @Override
    public RowStream query(String sql) {
        DuckDBConnection c = duplicate();
        Statement st = null;
        try {
            st = c.createStatement();
            if (timeoutSeconds > 0) st.setQueryTimeout(timeoutSeconds);
            ResultSet rs = st.executeQuery(sql);
            return new DuckDbRowStream(c, st, rs, sql);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(st);
            closeQuietly(c);
            throw failure("Query failed", sql, e);
        }
    }

    @Override
    public Optional<TableInfo> describe(RelationName name) {
        return withConnection(c -> describe(c, name));
    }

    @Override
    public List<TableInfo> listRelations(String schema) {
        return withConnection(c -> new ArrayList<>(relations(c, currentDatabase, schema, null).values()));
    }

    private final Object schemaLock = new Object();

    @Override
    public void createSchemaIfMissing(String schema) {
        // Serialised: two connections creating the same schema at once is a catalog write-write conflict in DuckDB.
        synchronized (schemaLock) {
            execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
        }
    }

    @Override
    public void replaceTable(RelationName target, String selectSql) {
        replaceTableReportingRows(target, selectSql);
    }

    @Override
    public long replaceTableReportingRows(RelationName target, String selectSql) {
        return inTransaction(c -> {
            dropIfOtherKind(c, target, TableInfo.Kind.TABLE);
            return exec(c, "CREATE OR REPLACE TABLE " + render(target) + " AS\n" + selectSql);
        });
    }

    @Override
    public void replaceView(RelationName target, String selectSql) {
        inTransaction(c -> {
            dropIfOtherKind(c, target, TableInfo.Kind.VIEW);
            exec(c, "CREATE OR REPLACE VIEW " + render(target) + " AS\n" + selectSql);
            return null;
        });
    }

    @Override
    public void mergeInto(RelationName target, String selectSql, List<String> uniqueKey) {
        if (uniqueKey == null || uniqueKey.isEmpty()) {
            throw new WarehouseException("mergeInto " + target + " needs at least one unique_key column", null);
        }
        inTransaction(c -> {
            Optional<TableInfo> existing = describe(c, target);
            if (existing.isEmpty()) {
                exec(c, "CREATE TABLE " + render(target) + " AS\n" + selectSql);
                return null;
            }
            if (existing.get().kind() != TableInfo.Kind.TABLE) {
                throw new WarehouseException("Cannot merge into " + target + ": it is a view, not a table", null);
            }
            String stage = quote("segflow_merge_" + STAGE_COUNTER.incrementAndGet());
            exec(c, "CREATE TEMP TABLE " + stage + " AS\n" + selectSql);
            exec(c, mergeSql(target, stage, columnsOf(c, "SELECT * FROM " + stage), uniqueKey));
            exec(c, "DROP TABLE " + stage);
            return null;
        });
    }

    private String mergeSql(RelationName target, String stage, List<String> columns, List<String> uniqueKey) {
        Map<String, String> byLower = new LinkedHashMap<>();
        for (String col : columns) byLower.put(col.toLowerCase(Locale.ROOT), col);
        List<String> keys = new ArrayList<>();
        for (String k : uniqueKey) {
            String col = byLower.get(k.toLowerCase(Locale.ROOT));
            if (col == null) {
                throw new WarehouseException("unique_key column '" + k + "' is not among the columns of the query "
                        + "merged into " + target + " " + columns, null);
            }
            keys.add(col);
        }
        Set<String> keySet = keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        String on = keys.stream().map(k -> "t." + quote(k) + " IS NOT DISTINCT FROM s." + quote(k))
                .collect(Collectors.joining(" AND "));
        String updates = columns.stream().filter(col -> !keySet.contains(col.toLowerCase(Locale.ROOT)))
                .map(col -> quote(col) + " = s." + quote(col)).collect(Collectors.joining(", "));
        String insertCols = columns.stream().map(this::quote).collect(Collectors.joining(", "));
        String insertVals = columns.stream().map(col -> "s." + quote(col)).collect(Collectors.joining(", "));
        return "MERGE INTO " + render(target) + " AS t USING " + stage + " AS s ON (" + on + ")"
                + (updates.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + updates)
                + " WHEN NOT MATCHED THEN INSERT (" + insertCols + ") VALUES (" + insertVals + ")";
    }

    @Override
    public long bulkLoad(RelationName target, List<ColumnDef> columns, Iterator<Object[]> rows, boolean replace) {
        if (columns.isEmpty()) throw new WarehouseException("bulkLoad into " + target + " needs columns", null);
        return inTransaction(c -> {
            Optional<TableInfo> existing = describe(c, target);
            String columnList = columns.stream().map(col -> quote(col.name()) + " " + DuckDbTypes.ddl(col.type())
                    + (col.nullable() ? "" : " NOT NULL")).collect(Collectors.joining(", "));
            if (replace || existing.isEmpty()) {
                if (existing.isPresent()) dropSql(c, target, existing.get().kind());
                exec(c, "CREATE TABLE " + render(target) + " (" + columnList + ")");
            } else {
                checkSameColumns(target, existing.get(), columns);
            }
            return appendRows(c, target, columns, rows);
        });
    }

    private long appendRows(DuckDBConnection c, RelationName target, List<ColumnDef> columns, Iterator<Object[]> rows)
            throws SQLException {
        String db = target.database() == null ? currentDatabase : target.database();
        long count = 0;
        try (DuckDBAppender appender = c.createAppender(db, target.schema(), target.name())) {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                if (row.length != columns.size()) {
                    throw new IllegalArgumentException("row has " + row.length + " values, expected " + columns.size());
                }
                appender.beginRow();
                for (int i = 0; i < row.length; i++) {
                    DuckDbTypes.append(appender, columns.get(i).type(), row[i]);
                }
                appender.endRow();
                count++;
            }
        } catch (SQLException | RuntimeException e) {
            throw failure("bulkLoad into " + target + " failed at row " + (count + 1) + "; nothing was written", null, e);
        }
        return count;
    }

    private static void checkSameColumns(RelationName target, TableInfo existing, List<ColumnDef> columns) {
        List<String> have = existing.columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        List<String> want = columns.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        if (existing.kind() != TableInfo.Kind.TABLE || !have.equals(want)) {
            throw new WarehouseException("Cannot append to " + target + ": its columns " + have
                    + " differ from the loaded columns " + want + " (load with replace to recreate it)", null);
        }
    }

    @Override
    public void dropIfExists(RelationName name) {
        inTransaction(c -> {
            Optional<TableInfo> existing = describe(c, name);
            if (existing.isPresent()) dropSql(c, name, existing.get().kind());
            return null;
        });
    }

    @Override
    public void close() {
        closeQuietly(root);
    }

    // ---- internals ---------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run(DuckDBConnection c) throws SQLException;
    }

    private DuckDBConnection duplicate() {
        try {
            return root.duplicate();
        } catch (SQLException e) {
            throw failure("DuckDB connection to " + displayPath + " is not usable", null, e);
        }
    }

    private <T> T withConnection(Work<T> work) {
        try (DuckDBConnection c = duplicate()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure("DuckDB call failed", null, e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        return withConnection(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                if (e instanceof WarehouseException we) throw we;
                throw failure("DuckDB transaction failed and was rolled back", null, e);
            }
        });
    }

    /** Runs one statement; returns the rows it changed as DuckDB reports them (-1 for DDL without rows). */
    private long exec(DuckDBConnection c, String sql) {
        try (Statement st = c.createStatement()) {
            if (timeoutSeconds > 0) st.setQueryTimeout(timeoutSeconds);
            return st.execute(sql) ? -1 : st.getUpdateCount();
        } catch (SQLException e) {
            throw failure("Statement failed", sql, e);
        }
    }

    private void dropIfOtherKind(DuckDBConnection c, RelationName target, TableInfo.Kind wanted) throws SQLException {
        Optional<TableInfo> existing = describe(c, target);
        if (existing.isPresent() && existing.get().kind() != wanted) dropSql(c, target, existing.get().kind());
    }

    private void dropSql(DuckDBConnection c, RelationName name, TableInfo.Kind kind) {
        exec(c, "DROP " + (kind == TableInfo.Kind.VIEW ? "VIEW" : "TABLE") + " IF EXISTS " + render(name));
    }

    private Optional<TableInfo> describe(DuckDBConnection c, RelationName name) throws SQLException {
        String db = name.database() == null ? currentDatabase : name.database();
        return relations(c, db, name.schema(), name.name()).values().stream().findFirst();
    }

    /** Relations of one schema (optionally one name), matched case-insensitively as DuckDB resolves names. */
    private Map<String, TableInfo> relations(DuckDBConnection c, String db, String schema, String onlyName)
            throws SQLException {
        String sql = "SELECT t.table_catalog, t.table_schema, t.table_name, t.table_type, c.column_name, c.data_type,"
                + " c.is_nullable FROM information_schema.tables t LEFT JOIN information_schema.columns c"
                + " ON c.table_catalog = t.table_catalog AND c.table_schema = t.table_schema"
                + " AND c.table_name = t.table_name"
                + " WHERE lower(t.table_catalog) = lower(?) AND lower(t.table_schema) = lower(?)"
                + (onlyName == null ? "" : " AND lower(t.table_name) = lower(?)")
                + " ORDER BY t.table_name, c.ordinal_position";
        Map<String, String[]> heads = new LinkedHashMap<>();
        Map<String, List<ColumnDef>> cols = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, db);
            ps.setString(2, schema);
            if (onlyName != null) ps.setString(3, onlyName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(3);
                    heads.putIfAbsent(table, new String[] {rs.getString(1), rs.getString(2), rs.getString(4)});
                    List<ColumnDef> list = cols.computeIfAbsent(table, k -> new ArrayList<>());
                    if (rs.getString(5) != null) {
                        list.add(new ColumnDef(rs.getString(5), DuckDbTypes.portable(rs.getString(6)),
                                !"NO".equalsIgnoreCase(rs.getString(7))));
                    }
                }
            }
        }
        Map<String, TableInfo> out = new LinkedHashMap<>();
        heads.forEach((table, h) -> {
            TableInfo.Kind kind = "VIEW".equalsIgnoreCase(h[2]) ? TableInfo.Kind.VIEW : TableInfo.Kind.TABLE;
            out.put(table, new TableInfo(new RelationName(h[0], h[1], table), kind, cols.get(table)));
        });
        return out;
    }

    private static List<String> columnsOf(DuckDBConnection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql + " LIMIT 0")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) names.add(md.getColumnLabel(i));
            return names;
        }
    }

    static WarehouseException failure(String what, String sql, Throwable e) {
        if (e instanceof WarehouseException we) return we;
        String msg = String.valueOf(e.getMessage());
        boolean transientFailure = msg.contains("Transaction conflict") || msg.contains("Could not set lock");
        StringBuilder sb = new StringBuilder(what).append(": ").append(firstLine(msg));
        if (sql != null) sb.append(" [SQL: ").append(firstLine(sql)).append("]");
        return new WarehouseException(sb.toString(), sql, transientFailure, e);
    }

    /** The first non-blank line of {@code text}, at most 200 characters. */
    static String firstLine(String text) {
        if (text == null) return "";
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.isEmpty()) return t.length() > 200 ? t.substring(0, 200) + "..." : t;
        }
        return "";
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
