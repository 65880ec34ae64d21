package io.segflow.snowflake;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** Rows of a Snowflake result set (the driver fetches result chunks lazily). */
final class SnowflakeRowStream implements RowStream {
    private final Statement statement;
    private final ResultSet rs;
    private final List<ColumnDef> columns = new ArrayList<>();
    private final int[] sqlTypes;
    private Boolean hasNext;

    SnowflakeRowStream(Statement statement, ResultSet rs) throws SQLException {
        this.statement = statement;
        this.rs = rs;
        ResultSetMetaData md = rs.getMetaData();
        sqlTypes = new int[md.getColumnCount()];
        for (int i = 1; i <= sqlTypes.length; i++) {
            sqlTypes[i - 1] = md.getColumnType(i);
            columns.add(new ColumnDef(md.getColumnLabel(i), SnowflakeTypes.portable(md.getColumnTypeName(i),
                    md.getPrecision(i), md.getScale(i)), md.isNullable(i) != ResultSetMetaData.columnNoNulls));
        }
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
                throw new WarehouseException("Reading Snowflake results failed: " + SnowflakeAdapter.firstLine(e.getMessage()), e);
            }
        }
        return hasNext;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) throw new NoSuchElementException();
        hasNext = null;
        Object[] row = new Object[sqlTypes.length];
        try {
            for (int i = 0; i < row.length; i++) {
                Object v = switch (sqlTypes[i]) {
                    case Types.DATE -> rs.getDate(i + 1) == null ? null : rs.getDate(i + 1).toLocalDate();
                    case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                            rs.getTimestamp(i + 1) == null ? null : rs.getTimestamp(i + 1).toLocalDateTime();
                    case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> rs.getLong(i + 1);
                    case Types.DOUBLE, Types.FLOAT, Types.REAL -> rs.getDouble(i + 1);
                    case Types.DECIMAL, Types.NUMERIC -> {
                        BigDecimal d = rs.getBigDecimal(i + 1);
                        yield d != null && d.scale() == 0 && columns.get(i).type().endsWith("INT") ? d.longValue() : d;
                    }
                    case Types.BOOLEAN -> rs.getBoolean(i + 1);
                    default -> rs.getString(i + 1);
                };
                row[i] = rs.wasNull() ? null : v;
            }
        } catch (SQLException e) {
            throw new WarehouseException("Reading Snowflake results failed: " + SnowflakeAdapter.firstLine(e.getMessage()), e);
        }
        return row;
    }

    @Override
    public void close() {
        try {
            rs.close();
            statement.close();
        } catch (SQLException ignored) {
            // best effort
        }
    }
}
