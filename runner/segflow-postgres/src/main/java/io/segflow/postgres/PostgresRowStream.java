package io.segflow.postgres;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RowStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Rows of one query read through a server-side cursor ({@code fetchSize} rows at a time, which pgjdbc does only
 * inside a transaction), so memory stays bounded. Owns a pooled connection until exhausted or closed.
 */
final class PostgresRowStream implements RowStream {
    static final int FETCH_SIZE = 10_000;

    private final Connection connection;
    private final Consumer<Connection> release;
    private final Statement statement;
    private final ResultSet rs;
    private final String sql;
    private final List<ColumnDef> columns;
    private final String[] portable;
    private final boolean[] withZone;
    private Boolean hasNext;
    private boolean closed;

    PostgresRowStream(Connection connection, Consumer<Connection> release, Statement statement, ResultSet rs, String sql)
            throws SQLException {
        this.connection = connection;
        this.release = release;
        this.statement = statement;
        this.rs = rs;
        this.sql = sql;
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        portable = new String[n];
        withZone = new boolean[n];
        List<ColumnDef> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String driverType = md.getColumnTypeName(i + 1);
            portable[i] = PostgresTypes.portable(driverType, md.getPrecision(i + 1), md.getScale(i + 1));
            withZone[i] = driverType.equalsIgnoreCase("timestamptz");
            cols.add(new ColumnDef(md.getColumnLabel(i + 1), portable[i],
                    md.isNullable(i + 1) != ResultSetMetaData.columnNoNulls));
        }
        columns = List.copyOf(cols);
    }

    @Override
    public List<ColumnDef> columns() {
        return columns;
    }

    @Override
    public boolean hasNext() {
        if (closed) return false;
        if (hasNext == null) {
            try {
                hasNext = rs.next();
            } catch (SQLException e) {
                close();
                throw PostgresAdapter.failure("Reading query results failed", sql, e);
            }
            if (!hasNext) close();
        }
        return hasNext;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) throw new NoSuchElementException();
        hasNext = null;
        Object[] row = new Object[portable.length];
        try {
            for (int i = 0; i < row.length; i++) row[i] = PostgresTypes.read(rs, i + 1, portable[i], withZone[i]);
        } catch (SQLException | RuntimeException e) {
            close();
            throw PostgresAdapter.failure("Reading query results failed", sql, e);
        }
        return row;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        hasNext = false;
        try {
            rs.close();
            statement.close();
            connection.rollback();
        } catch (SQLException ignored) {
            // the pool drops a connection that cannot roll back
        } finally {
            release.accept(connection);
        }
    }
}
