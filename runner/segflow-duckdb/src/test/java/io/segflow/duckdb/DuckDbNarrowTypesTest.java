package io.segflow.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk loads into columns of DuckDB's narrower native types (a non-seed source keeps its own column types, e.g.
 * rows pulled from another warehouse): each value goes through the appender call of the column's width.
 */
class DuckDbNarrowTypesTest {
    private static final RelationName T = RelationName.of("raw", "narrow");
    private static final List<ColumnDef> COLUMNS = List.of(ColumnDef.of("tiny", "TINYINT"),
            ColumnDef.of("small", "smallint"), ColumnDef.of("f", "FLOAT"), ColumnDef.of("r", "REAL"));
    private WarehouseAdapter duck;

    @BeforeEach
    void open() {
        duck = new DuckDbAdapterFactory().open(new TargetConfig("t", "duckdb", Map.of("path", ":memory:"), Path.of(".")));
        duck.createSchemaIfMissing("raw");
    }

    @AfterEach
    void close() {
        duck.close();
    }

    private static Iterator<Object[]> rows(Object[]... rows) {
        return List.of(rows).iterator();
    }

    @Test
    void tinyintSmallintAndFloatColumnsLoadAndReadBack() {
        long n = duck.bulkLoad(T, COLUMNS, rows(new Object[] {-128L, 32767, 1.5, 2.25f},
                new Object[] {127, (short) -32768, 3L, null}, new Object[] {null, null, null, -0.5}), true);
        assertEquals(3, n);
        List<String> got = new ArrayList<>();
        try (RowStream rs = duck.query("select tiny, small, f, r, typeof(tiny), typeof(small), typeof(f), typeof(r) "
                + "from raw.narrow order by small nulls last")) {
            while (rs.hasNext()) got.add(java.util.Arrays.toString(rs.next()));
        }
        assertEquals(List.of("[127, -32768, 3.0, null, TINYINT, SMALLINT, FLOAT, FLOAT]",
                "[-128, 32767, 1.5, 2.25, TINYINT, SMALLINT, FLOAT, FLOAT]",
                "[null, null, null, -0.5, TINYINT, SMALLINT, FLOAT, FLOAT]"), got);
    }

    @Test
    void aValueOutsideTheColumnsRangeIsAnErrorNamingItAndNothingIsWritten() {
        WarehouseException e = assertThrows(WarehouseException.class, () -> duck.bulkLoad(T, COLUMNS,
                rows(new Object[] {1, 2, 0.0, 0.0}, new Object[] {1, 40000, 0.0, 0.0}), true));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("40000 does not fit a SMALLINT"),
                e.getMessage());
        assertTrue(duck.describe(T).isEmpty());
        assertThrows(WarehouseException.class, () -> duck.bulkLoad(T, COLUMNS,
                rows(new Object[] {128, 2, 0.0, 0.0}), true));
        assertThrows(WarehouseException.class, () -> duck.bulkLoad(T, COLUMNS,
                rows(new Object[] {1.5, 2, 0.0, 0.0}), true));
    }
}
