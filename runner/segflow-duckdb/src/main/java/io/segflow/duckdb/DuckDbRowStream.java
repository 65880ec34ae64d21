package io.segflow.duckdb;

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

/**
 * Rows of one query, fetched chunk by chunk from a DuckDB streaming result. Owns its connection (a duplicate of
 * the adapter's), so other adapter calls can run while it is open. Closes itself when exhausted or on error.
 */
final class DuckDbRowStream implements RowStream {
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rs;
    private final String sql;
    private final List<ColumnDef> columns;
    private final String[] portable;
    private Boolean hasNext;
    private boolean closed;

    DuckDbRowStream(Connection connection, Statement statement, ResultSet rs, String sql) throws SQLException {
        this.connection = connection;
        this.statement = statement;
        this.rs = rs;
        this.sql = sql;
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        portable = new String[n];
        List<ColumnDef> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            portable[i] = DuckDbTypes.portable(md.getColumnTypeName(i + 1));
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
                throw DuckDbAdapter.failure("Reading query results failed", sql, e);
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
            for (int i = 0; i < row.length; i++) {
                row[i] = DuckDbTypes.read(rs, i + 1, portable[i]);
            }
        } catch (SQLException | RuntimeException e) {
            close();
            throw DuckDbAdapter.failure("Reading query results failed", sql, e);
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
        } catch (SQLException ignored) {
            // closing the connection below releases everything anyway
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing useful to do
            }
        }
    }
}
