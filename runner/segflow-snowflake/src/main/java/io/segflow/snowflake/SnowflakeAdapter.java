package io.segflow.snowflake;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import io.segflow.spi.sql.SqlFlavor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link WarehouseAdapter} over one snowflake-jdbc connection (calls are serialised on it). Table replaces build a
 * staging table and {@code SWAP WITH} the live one; merges are one {@code MERGE}; {@link #executeAtomically} is a
 * transaction. The session carries the target's query tag; transient failures (network, warehouse resuming,
 * lock waits) are retried with backoff.
 */
final class SnowflakeAdapter implements WarehouseAdapter {
    private final Connection connection;
    private final int retries;

    SnowflakeAdapter(Connection connection, String queryTag, int retries) {
        this.connection = connection;
        this.retries = retries;
        execute(SnowflakeStatements.queryTag(queryTag));
    }

    @Override
    public String type() {
        return SnowflakeAdapterFactory.TYPE;
    }

    @Override
    public SqlFlavor flavor() {
        return SnowflakeFlavor.INSTANCE;
    }

    @Override
    public String quote(String identifier) {
        return SnowflakeStatements.quote(identifier);
    }

    @Override
    public String render(RelationName name) {
        return SnowflakeStatements.render(name);
    }

    @Override
    public synchronized void execute(String sql) {
        withRetry(sql, () -> {
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            }
            return null;
        });
    }

    @Override
    public synchronized void executeAtomically(List<String> statements) {
        withRetry(String.join(";\n", statements), () -> {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                for (String s : statements) st.execute(s);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            return null;
        });
    }

    @Override
    public synchronized RowStream query(String sql) {
        return withRetry(sql, () -> {
            Statement st = connection.createStatement();
            try {
                ResultSet rs = st.executeQuery(sql);
                return new SnowflakeRowStream(st, rs);
            } catch (SQLException e) {
                st.close();
                throw e;
            }
        });
    }

    @Override
    public synchronized Optional<TableInfo> describe(RelationName name) {
        return relations(name.schema(), name.name()).stream().findFirst();
    }

    @Override
    public synchronized List<TableInfo> listRelations(String schema) {
        return relations(schema, null);
    }

    /** Matches names as Snowflake resolves unquoted names (upper case) or, for quoted names, exactly. */
    private List<TableInfo> relations(String schema, String onlyName) {
        String sql = "SELECT t.table_catalog, t.table_schema, t.table_name, t.table_type, c.column_name, c.data_type,"
                + " c.numeric_precision, c.numeric_scale, c.is_nullable FROM information_schema.tables t"
                + " LEFT JOIN information_schema.columns c ON c.table_schema = t.table_schema"
                + " AND c.table_name = t.table_name WHERE t.table_schema = ?"
                + (onlyName == null ? "" : " AND t.table_name = ?") + " ORDER BY t.table_name, c.ordinal_position";
        return withRetry(sql, () -> {
            Map<String, String[]> heads = new LinkedHashMap<>();
            Map<String, List<ColumnDef>> cols = new LinkedHashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, resolved(schema));
                if (onlyName != null) ps.setString(2, resolved(onlyName));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String table = rs.getString(3);
                        heads.putIfAbsent(table, new String[] {rs.getString(1), rs.getString(2), rs.getString(4)});
                        List<ColumnDef> list = cols.computeIfAbsent(table, k -> new ArrayList<>());
                        if (rs.getString(5) != null) {
                            list.add(new ColumnDef(rs.getString(5), SnowflakeTypes.portable(rs.getString(6),
                                    rs.getInt(7), rs.getInt(8)), !"NO".equalsIgnoreCase(rs.getString(9))));
                        }
                    }
                }
            } catch (SQLException e) {
                if (String.valueOf(e.getMessage()).contains("does not exist")) return List.of();
                throw e;
            }
            List<TableInfo> out = new ArrayList<>();
            heads.forEach((t, h) -> out.add(new TableInfo(new RelationName(h[0], h[1], t),
                    "VIEW".equalsIgnoreCase(h[2]) ? TableInfo.Kind.VIEW : TableInfo.Kind.TABLE, cols.get(t))));
            return out;
        });
    }

    /** The stored name: unquoted names are upper-cased by Snowflake. */
    private static String resolved(String name) {
        return quoteNeeded(name) ? name : name.toUpperCase(java.util.Locale.ROOT);
    }

    private static boolean quoteNeeded(String name) {
        return !SnowflakeStatements.quote(name).equals(name);
    }

    @Override
    public void createSchemaIfMissing(String schema) {
        execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
    }

    @Override
    public synchronized void replaceTable(RelationName target, String selectSql) {
        Optional<TableInfo> existing = describe(target);
        boolean table = existing.map(t -> t.kind() == TableInfo.Kind.TABLE).orElse(false);
        boolean view = existing.map(t -> t.kind() == TableInfo.Kind.VIEW).orElse(false);
        List<String> statements = SnowflakeStatements.replaceTable(target, selectSql, table, view);
        // the staging CTAS may fail without touching the target; the swap/rename is the only visible step
        execute(statements.get(0));
        executeAtomically(statements.subList(1, statements.size()));
    }

    @Override
    public synchronized void replaceView(RelationName target, String selectSql) {
        Optional<TableInfo> existing = describe(target);
        if (existing.isPresent() && existing.get().kind() == TableInfo.Kind.TABLE) {
            // validate the view first under a scratch name so a broken view never replaces the table
            RelationName probe = target.withName(target.name() + "__segflow_probe");
            execute(SnowflakeStatements.replaceView(probe, selectSql));
            executeAtomically(List.of("DROP TABLE " + render(target), "ALTER VIEW " + render(probe) + " RENAME TO "
                    + render(target)));
            return;
        }
        execute(SnowflakeStatements.replaceView(target, selectSql));
    }

    @Override
    public synchronized void mergeInto(RelationName target, String selectSql, List<String> uniqueKey) {
        if (uniqueKey == null || uniqueKey.isEmpty()) {
            throw new WarehouseException("mergeInto " + target + " needs at least one unique_key column", null);
        }
        if (describe(target).isEmpty()) {
            execute("CREATE TABLE " + render(target) + " AS\n" + selectSql);
            return;
        }
        List<String> columns;
        try (RowStream rs = query("SELECT * FROM (\n" + selectSql + "\n) LIMIT 0")) {
            columns = rs.columns().stream().map(ColumnDef::name).toList();
        }
        try {
            execute(SnowflakeStatements.merge(target, selectSql, columns, uniqueKey));
        } catch (IllegalArgumentException e) {
            throw new WarehouseException("Cannot merge into " + target + ": " + e.getMessage(), null);
        }
    }

    /**
     * Loads into a staging table with array-bound batches (snowflake-jdbc uploads large batches to an internal
     * stage and runs COPY INTO, not row-by-row inserts), then swaps it in (replace) or appends it with one INSERT,
     * so a failure at any row leaves the target as it was.
     */
    @Override
    public synchronized long bulkLoad(RelationName target, List<ColumnDef> columns, Iterator<Object[]> rows,
                                      boolean replace) {
        if (columns.isEmpty()) throw new WarehouseException("bulkLoad into " + target + " needs columns", null);
        RelationName stage = target.withName(target.name() + "__segflow_load");
        String ddl = columns.stream().map(c -> quote(c.name()) + " " + SnowflakeTypes.ddl(c.type())
                + (c.nullable() ? "" : " NOT NULL")).collect(java.util.stream.Collectors.joining(", "));
        execute("CREATE OR REPLACE TABLE " + render(stage) + " (" + ddl + ")");
        String insert = "INSERT INTO " + render(stage) + " VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        long count = 0;
        try (PreparedStatement ps = connection.prepareStatement(insert)) {
            int inBatch = 0;
            while (rows.hasNext()) {
                Object[] row = rows.next();
                if (row.length != columns.size()) {
                    throw new IllegalArgumentException("row has " + row.length + " values, expected " + columns.size());
                }
                for (int i = 0; i < row.length; i++) ps.setObject(i + 1, jdbcValue(row[i]));
                ps.addBatch();
                count++;
                if (++inBatch == 100_000) {
                    ps.executeBatch();
                    inBatch = 0;
                }
            }
            if (inBatch > 0) ps.executeBatch();
        } catch (SQLException | RuntimeException e) {
            execute("DROP TABLE IF EXISTS " + render(stage));
            throw new WarehouseException("bulkLoad into " + target + " failed at row " + (count + 1)
                    + "; nothing was written: " + firstLine(e.getMessage()), null, false, e);
        }
        Optional<TableInfo> existing = describe(target);
        if (replace || existing.isEmpty()) {
            boolean table = existing.map(t -> t.kind() == TableInfo.Kind.TABLE).orElse(false);
            boolean view = existing.map(t -> t.kind() == TableInfo.Kind.VIEW).orElse(false);
            List<String> swap = SnowflakeStatements.replaceTable(target, "SELECT * FROM " + render(stage), table, view);
            execute(swap.get(0));
            executeAtomically(swap.subList(1, swap.size()));
        } else {
            executeAtomically(List.of("INSERT INTO " + render(target) + " SELECT * FROM " + render(stage)));
        }
        execute("DROP TABLE IF EXISTS " + render(stage));
        return count;
    }

    private static Object jdbcValue(Object v) {
        if (v instanceof java.time.LocalDate d) return java.sql.Date.valueOf(d);
        if (v instanceof java.time.LocalDateTime t) return java.sql.Timestamp.valueOf(t);
        return v;
    }

    @Override
    public void dropIfExists(RelationName name) {
        describe(name).ifPresent(t -> execute("DROP " + (t.kind() == TableInfo.Kind.VIEW ? "VIEW" : "TABLE")
                + " IF EXISTS " + render(name)));
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T withRetry(String sql, Work<T> work) {
        for (int attempt = 0; ; attempt++) {
            try {
                return work.run();
            } catch (SQLException e) {
                boolean transientFailure = isTransient(e);
                if (transientFailure && attempt < retries) {
                    try {
                        Thread.sleep(Math.min(30_000L, 500L << attempt));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                    continue;
                }
                throw new WarehouseException("Statement failed: " + firstLine(e.getMessage()) + " [SQL: "
                        + firstLine(sql) + "]", sql, transientFailure, e);
            }
        }
    }

    /** Network failures (08xxx), lock waits and queued/resuming warehouses are worth a retry. */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String msg = String.valueOf(e.getMessage());
        return state.startsWith("08") || msg.contains("timeout") || msg.contains("could not be obtained")
                || msg.contains("Lock") && msg.contains("waiting") || e.getErrorCode() == 390114;
    }

    static String firstLine(String text) {
        if (text == null) return "";
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.isEmpty()) return t.length() > 200 ? t.substring(0, 200) + "..." : t;
        }
        return "";
    }
}
