package io.segflow.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.sql.SqlFlavor;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every SQL fragment of DuckDB's flavor (the neutral defaults) runs on DuckDB and means what its contract says. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbFlavorTest {
    private final SqlFlavor f = DuckDbFlavor.INSTANCE;
    private WarehouseAdapter db;

    @BeforeAll
    void open() {
        db = new DuckDbAdapterFactory().open(new TargetConfig("flavor", "duckdb", Map.of(), null));
    }

    @AfterAll
    void close() {
        db.close();
    }

    private Object one(String expr) {
        try (RowStream rs = db.query("SELECT " + expr)) {
            return rs.next()[0];
        }
    }

    @Test
    void seededHashIsDeterministicAndDependsOnTheSeed() {
        Object a = one(f.seededHash("42", 7));
        assertEquals(a, one(f.seededHash("42", 7)));
        assertNotEquals(a, one(f.seededHash("42", 8)));
    }

    @Test
    void numericFragments() {
        assertEquals(2.0, one(f.toDouble("2")));
        assertNull(one(f.nanToNull(f.toDouble("'NaN'"))));
        assertEquals(1.5, one(f.nanToNull("1.5::DOUBLE")));
        assertEquals(3.0, ((Number) one(f.median("x") + " FROM (VALUES (1), (3), (10)) t(x)")).doubleValue());
        assertEquals(31L, ((Number) one(f.daysBetween("DATE '2024-01-01'", "DATE '2024-02-01'"))).longValue());
    }

    @Test
    void literalsAndTypesRoundTrip() {
        assertEquals("it's a \\d", one(f.stringLiteral("it's a \\d")));
        assertEquals("", one(f.stringLiteral(null)));
        assertEquals(LocalDateTime.of(2024, 12, 31, 6, 0, 0, 123456000),
                one(f.timestampLiteral(Instant.parse("2024-12-31T06:00:00.123456789Z"))));
        String types = String.join(", ", f.stringType(), f.float64Type(), f.int64Type(), f.booleanType(),
                f.timestampType());
        db.execute("CREATE TABLE typed AS SELECT " + f.membershipUpdatedAtTemplate() + " AS t, "
                + String.join(", ", "CAST(NULL AS " + f.stringType() + ") AS s", "CAST(NULL AS " + f.float64Type()
                + ") AS d", "CAST(NULL AS " + f.int64Type() + ") AS i", "CAST(NULL AS " + f.booleanType() + ") AS b",
                "CAST(NULL AS " + f.timestampType() + ") AS ts"));
        assertEquals("varchar, double, bigint, boolean, timestamp", types);
        assertEquals("\"select\"", f.quote("select"));
        assertEquals("MixedCase", f.catalogName("MixedCase"));
    }
}
