package io.segflow.ml.sqlgen;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A throwaway in-memory DuckDB for SQL scoring tests. */
final class DuckDb implements AutoCloseable {
    private final Connection connection;

    DuckDb() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** All rows of a query as doubles (SQL NULL becomes NaN). */
    List<double[]> rows(String sql) throws SQLException {
        List<double[]> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                double[] row = new double[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getDouble(i + 1);
                    if (rs.wasNull()) {
                        row[i] = Double.NaN;
                    }
                }
                out.add(row);
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
