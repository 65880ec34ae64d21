package io.segflow.postgres;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import io.segflow.spi.sql.SqlFlavor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link WarehouseAdapter} over a PostgreSQL server (pgjdbc). Thread-safe: every call borrows its own session.
 *
 * <p><b>Atomicity.</b> PostgreSQL's DDL is transactional, so a replace builds the new relation under a staging
 * name, drops the old one and renames the new one in one transaction: until {@code COMMIT} readers see the old
 * relation, and a failure, a terminated backend or a restarted server rolls everything back. Views that depend on
 * the replaced relation are recreated in the same transaction (or left dropped when they no longer fit, as a late
 * binding warehouse would leave them broken). Bulk loads stream through {@code COPY FROM STDIN}. The first write
 * takes the database's run lock ({@link PostgresRunLock}).
 */
final class PostgresAdapter implements WarehouseAdapter {
    private final PostgresConnections connections;
    private final PostgresRunLock runLock;
    private final String database;

    PostgresAdapter(PostgresConnections connections, String database, boolean useRunLock) {
        this.connections = connections;
        this.database = database;
        this.runLock = useRunLock ? new PostgresRunLock(connections) : null;
    }

    @Override
    public String type() {
        return PostgresAdapterFactory.TYPE;
    }

    @Override
    public SqlFlavor flavor() {
        return PostgresFlavor.INSTANCE;
    }


    /** A database other than the connected one cannot be addressed in PostgreSQL; it is left out. */
    @Override
    public String render(RelationName name) {
        return quote(name.schema()) + "." + quote(name.name());
    }

    @Override
    public void execute(String sql) {
        write();
        withConnection(c -> {
            exec(c, sql);
            return null;
        });
    }

    @Override
    public void executeAtomically(List<String> statements) {
        write();
        inTransaction(c -> {
            for (String sql : statements) exec(c, sql);
            return null;
        });
    }

    @Override
    public RowStream query(String sql) {
        Connection c = connections.borrow();
        Statement st = null;
        try {
            c.setAutoCommit(false);
            st = c.createStatement();
            st.setFetchSize(PostgresRowStream.FETCH_SIZE);
            ResultSet rs = st.executeQuery(sql);
            return new PostgresRowStream(c, connections::release, st, rs, sql);
        } catch (SQLException | RuntimeException e) {
            PostgresConnections.closeQuietly(st);
            giveBack(c, e);
            throw failure("Query failed", sql, e);
        }
    }

    @Override
    public Optional<TableInfo> describe(RelationName name) {
        return withConnection(c -> describe(c, name));
    }

    @Override
    public List<TableInfo> listRelations(String schema) {
        return withConnection(c -> PostgresCatalog.relations(c, database, schema, null));
    }

    @Override
    public synchronized void createSchemaIfMissing(String schema) {
        // synchronized: two sessions creating one schema at once collide on the catalog's unique index
        write();
        withConnection(c -> {
            exec(c, "CREATE SCHEMA IF NOT EXISTS " + quote(schema));
            return null;
        });
    }

    @Override
    public void replaceTable(RelationName target, String selectSql) {
        write();
        inTransaction(c -> {
            RelationName stage = stageName(target);
            exec(c, "CREATE TABLE " + render(stage) + " AS\n" + selectSql);
            swap(c, stage, target);
            return null;
        });
    }

    @Override
    public void replaceView(RelationName target, String selectSql) {
        write();
        inTransaction(c -> {
            RelationName stage = stageName(target);
            exec(c, "CREATE VIEW " + render(stage) + " AS\n" + selectSql);
            swap(c, stage, target);
            return null;
        });
    }

    @Override
    public void mergeInto(RelationName target, String selectSql, List<String> uniqueKey) {
        if (uniqueKey == null || uniqueKey.isEmpty()) {
            throw new WarehouseException("mergeInto " + target + " needs at least one unique_key column", null);
        }
        write();
        inTransaction(c -> {
            Optional<TableInfo> existing = describe(c, target);
            if (existing.isEmpty()) {
                exec(c, "CREATE TABLE " + render(target) + " AS\n" + selectSql);
                return null;
            }
            if (existing.get().kind() != TableInfo.Kind.TABLE) {
                throw new WarehouseException("Cannot merge into " + target + ": it is a view, not a table", null);
            }
            String stage = quote("segflow_merge_" + UUID.randomUUID().toString().substring(0, 8));
            exec(c, "CREATE TEMP TABLE " + stage + " ON COMMIT DROP AS\n" + selectSql);
            exec(c, PostgresStatements.merge(this::quote, render(target), stage, columnsOf(c, stage), uniqueKey));
            return null;
        });
    }

    @Override
    public long bulkLoad(RelationName target, List<ColumnDef> columns, Iterator<Object[]> rows, boolean replace) {
        if (columns.isEmpty()) throw new WarehouseException("bulkLoad into " + target + " needs columns", null);
        write();
        return inTransaction(c -> {
            Optional<TableInfo> existing = describe(c, target);
            String columnList = columns.stream().map(col -> quote(col.name()) + " " + PostgresTypes.ddl(col.type())
                    + (col.nullable() ? "" : " NOT NULL")).collect(Collectors.joining(", "));
            RelationName into = target;
            if (replace || existing.isEmpty()) {
                into = existing.isPresent() ? stageName(target) : target;
                exec(c, "CREATE TABLE " + render(into) + " (" + columnList + ")");
            } else {
                PostgresStatements.checkSameColumns(target, existing.get(), columns);
            }
            long count = PostgresCopy.copyIn(c, render(into), columns, rows, this::quote);
            if (!into.equals(target)) swap(c, into, target);
            return count;
        });
    }

    @Override
    public void dropIfExists(RelationName name) {
        write();
        inTransaction(c -> {
            Optional<TableInfo> existing = describe(c, name);
            if (existing.isPresent()) exec(c, PostgresStatements.drop(existing.get().kind(), render(name)));
            return null;
        });
    }

    @Override
    public void close() {
        if (runLock != null) runLock.close();
        connections.close();
    }

    // ---- internals ---------------------------------------------------------------------------------------

    private void write() {
        if (runLock != null) runLock.acquire();
    }

    private static RelationName stageName(RelationName target) {
        return target.withName("segflow_stage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    /**
     * Inside the caller's transaction: the old {@code target} (with the views depending on it) is dropped and
     * {@code stage} takes its name; the dependent views are recreated where they still fit the new relation.
     */
    private void swap(Connection c, RelationName stage, RelationName target) throws SQLException {
        Optional<TableInfo> old = describe(c, target);
        List<PostgresCatalog.DependentView> dependents = List.of();
        if (old.isPresent()) {
            dependents = PostgresCatalog.dependentViews(c, render(target));
            exec(c, PostgresStatements.drop(old.get().kind(), render(target)) + (dependents.isEmpty() ? "" : " CASCADE"));
        }
        String kind = describe(c, stage).orElseThrow().kind() == TableInfo.Kind.VIEW ? "VIEW" : "TABLE";
        exec(c, "ALTER " + kind + " " + render(stage) + " RENAME TO " + quote(target.name()));
        for (PostgresCatalog.DependentView v : dependents) {
            Savepoint sp = c.setSavepoint();
            try (Statement st = c.createStatement()) {
                st.execute("CREATE VIEW " + render(v.name()) + " AS " + v.definition());
                c.releaseSavepoint(sp);
            } catch (SQLException e) {
                // no longer valid over the new relation: left dropped; the build rebuilds it when it is a node
                c.rollback(sp);
            }
        }
    }

    private Optional<TableInfo> describe(Connection c, RelationName name) throws SQLException {
        return PostgresCatalog.relations(c, database, name.schema(), name.name()).stream().findFirst();
    }

    private static List<String> columnsOf(Connection c, String relation) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + relation + " LIMIT 0")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) names.add(md.getColumnLabel(i));
            return names;
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        Connection c = connections.borrow();
        try {
            T result = work.run(c);
            connections.release(c);
            return result;
        } catch (SQLException | RuntimeException e) {
            giveBack(c, e);
            throw failure("PostgreSQL call failed", null, e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        return withConnection(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                c.setAutoCommit(true);
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                    c.setAutoCommit(true);
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                if (e instanceof WarehouseException we) throw we;
                throw failure("PostgreSQL transaction failed and was rolled back", null, e);
            }
        });
    }

    /** Returns a connection to the pool, or drops it when its session is gone. */
    private void giveBack(Connection c, Throwable e) {
        if (sessionLost(e)) connections.discard(c);
        else connections.release(c);
    }

    private static void exec(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw failure("Statement failed", sql, e);
        }
    }

    /** Whether the server ended the session (terminated backend, shutdown, broken connection). */
    static boolean sessionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    static WarehouseException failure(String what, String sql, Throwable e) {
        if (e instanceof WarehouseException we) return we;
        String state = e instanceof SQLException s ? s.getSQLState() : null;
        boolean lost = sessionLost(e);
        boolean transientFailure = lost || "40001".equals(state) || "40P01".equals(state) || "55P03".equals(state);
        StringBuilder sb = new StringBuilder(what).append(": ").append(firstLine(e.getMessage()));
        if (lost) {
            sb.append(" (the server ended segflow's session: a terminated backend or a restart; nothing of the"
                    + " unfinished transaction was committed, the previous relations are intact; re-run to finish)");
        }
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
}
