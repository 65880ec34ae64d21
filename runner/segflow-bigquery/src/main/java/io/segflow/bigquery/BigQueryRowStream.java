package io.segflow.bigquery;

import com.google.cloud.bigquery.Connection;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.Schema;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.NoSuchElementException;

/** Rows of a BigQuery result read lazily through the Storage Read API. */
final class BigQueryRowStream implements RowStream {
    private final Connection connection;
    private final ResultSet rs;
    private final List<Field> fields;
    private final List<ColumnDef> columns;
    private Boolean hasNext;

    BigQueryRowStream(Connection connection, ResultSet rs, Schema schema, List<ColumnDef> columns) {
        this.connection = connection;
        this.rs = rs;
        this.fields = schema.getFields();
        this.columns = List.copyOf(columns);
    }

    @Override
    public List<ColumnDef> columns() {
        return columns;
    }

    @Override
    public boolean hasNext() {
        if (hasNext == null) {
            try {
                hasNext = rs.next();
            } catch (SQLException e) {
                throw BigQueryAdapter.failure("Reading BigQuery results failed", null, e);
            }
        }
        return hasNext;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) throw new NoSuchElementException();
        hasNext = null;
        Object[] row = new Object[fields.size()];
        try {
            for (int i = 0; i < row.length; i++) row[i] = BigQueryAdapter.value(rs, fields.get(i), i + 1);
        } catch (SQLException e) {
            throw new WarehouseException("Reading BigQuery results failed: " + e.getMessage(), e);
        }
        return row;
    }

    @Override
    public void close() {
        try {
            rs.close();
        } catch (SQLException ignored) {
            // best effort
        }
        BigQueryAdapter.closeQuietly(connection);
    }
}
