package io.segflow.ml.sqlgen;

import io.segflow.ml.TestData;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.List;

/** The shipped DuckDB adapter (in memory) with query results read as doubles, for SQL scoring tests. */
final class DuckDb implements AutoCloseable {
    private final WarehouseAdapter adapter = TestData.duckdb();

    void execute(String sql) {
        adapter.execute(sql);
    }

    /** All rows of a query as doubles (SQL NULL becomes NaN, booleans 1/0). */
    List<double[]> rows(String sql) {
        List<double[]> out = new ArrayList<>();
        try (RowStream rs = adapter.query(sql)) {
            while (rs.hasNext()) {
                Object[] r = rs.next();
                double[] row = new double[r.length];
                for (int i = 0; i < r.length; i++) {
                    row[i] = r[i] == null ? Double.NaN : r[i] instanceof Boolean b ? (b ? 1 : 0) : ((Number) r[i]).doubleValue();
                }
                out.add(row);
            }
        }
        return out;
    }

    @Override
    public void close() {
        adapter.close();
    }
}
