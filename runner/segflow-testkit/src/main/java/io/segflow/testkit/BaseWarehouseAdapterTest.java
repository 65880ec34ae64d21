package io.segflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import io.segflow.spi.sql.SqlFlavor;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * The contract every {@link WarehouseAdapter} must pass. Extend it, implement {@link #newAdapter()} and, for
 * warehouses whose SQL differs from DuckDB's, override the small SQL hooks ({@link #rangeSql(long)},
 * {@link #castSql(String, String)}, {@link #runtimeFailingSelect()}). Each test class works in its own scratch
 * schema ({@link #schema}), created before the first test and dropped (CASCADE) after the last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BaseWarehouseAdapterTest {
    /** The adapter under test, opened once per class. */
    protected WarehouseAdapter adapter;
    /** This class's scratch schema. */
    protected String schema;

    /** Opens a fresh adapter connected to a warehouse the test may write to. */
    protected abstract WarehouseAdapter newAdapter();

    /** A query returning one BIGINT column {@code n} with the values 0..count-1. */
    protected String rangeSql(long count) {
        return "SELECT CAST(range AS BIGINT) AS n FROM range(" + count + ")";
    }

    /** A cast of a SQL literal to a portable type, in this warehouse's syntax. */
    protected String castSql(String literal, String portableType) {
        return "CAST(" + literal + " AS " + portableType + ")";
    }

    /**
     * The portable type this warehouse reports for a column created as {@code portable}. The default is the type
     * itself (DuckDB keeps every portable type); BigQuery, for example, has only INT64, so INTEGER comes back BIGINT.
     */
    protected String expectedType(String portable) {
        return portable;
    }

    private List<String> expectedTypes(List<String> portable) {
        return portable.stream().map(this::expectedType).toList();
    }

    private static final List<String> TYPED_ROW_TYPES = List.of("INTEGER", "INTEGER", "BIGINT", "DOUBLE",
            "DECIMAL(12,2)", "VARCHAR", "DATE", "TIMESTAMP", "BOOLEAN");

    /** A query that fails while running (not while compiling), after it already produced rows. */
    protected String runtimeFailingSelect() {
        return "SELECT CAST(CASE WHEN n < 50000 THEN '1' ELSE 'not a number' END AS INTEGER) AS id FROM ("
                + rangeSql(100_000) + ") r";
    }

    /** Why this warehouse is not reachable (a live warehouse without credentials); null when it is. */
    private String unavailable;

    @BeforeAll
    void openAdapterAndScratchSchema() {
        try {
            adapter = newAdapter();
        } catch (TestAbortedException e) {
            // Aborting here would report zero tests; each test reports the skip and its reason instead.
            unavailable = e.getMessage();
            return;
        }
        schema = ("segflow_test_" + getClass().getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        adapter.createSchemaIfMissing(schema);
    }

    @BeforeEach
    void skipWhenTheWarehouseIsUnavailable() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @AfterAll
    void dropScratchSchema() {
        if (adapter == null) return;
        try {
            adapter.execute("DROP SCHEMA IF EXISTS " + adapter.quote(schema) + " CASCADE");
        } finally {
            adapter.close();
        }
    }

    protected RelationName rel(String name) {
        return RelationName.of(schema, name);
    }

    protected String sql(String name) {
        return adapter.render(rel(name));
    }

    /** Runs a query and returns all rows (for small results only). */
    protected List<Object[]> rows(String sql) {
        List<Object[]> out = new ArrayList<>();
        try (RowStream rs = adapter.query(sql)) {
            rs.forEachRemaining(out::add);
        }
        return out;
    }

    protected Object single(String sql) {
        List<Object[]> r = rows(sql);
        assertEquals(1, r.size(), "expected one row from " + sql);
        return r.get(0)[0];
    }

    protected long count(String relation) {
        return ((Number) single("SELECT COUNT(*) AS c FROM " + sql(relation))).longValue();
    }

    private String typedRow(String id, String i, String b, String d, String dec, String v, String dt, String ts,
            String bo) {
        return "SELECT " + castSql(id, "INTEGER") + " AS id, " + castSql(i, "INTEGER") + " AS i, "
                + castSql(b, "BIGINT") + " AS b, " + castSql(d, "DOUBLE") + " AS d, " + castSql(dec, "DECIMAL(12,2)")
                + " AS dec, " + castSql(v, "VARCHAR") + " AS v, " + castSql(dt, "DATE") + " AS dt, "
                + castSql(ts, "TIMESTAMP") + " AS ts, " + castSql(bo, "BOOLEAN") + " AS bo";
    }

    @Test
    void schemaCreationIsIdempotentAndListsNothingWhenEmpty() {
        String other = schema + "_extra";
        try {
            adapter.createSchemaIfMissing(other);
            adapter.createSchemaIfMissing(other);
            assertTrue(adapter.listRelations(other).isEmpty(), "a new schema holds no relations");
            adapter.replaceTable(RelationName.of(other, "t"), rangeSql(3));
            assertEquals(1, adapter.listRelations(other).size());
        } finally {
            adapter.execute("DROP SCHEMA IF EXISTS " + adapter.quote(other) + " CASCADE");
        }
        assertTrue(adapter.listRelations(schema + "_missing").isEmpty(), "a missing schema lists as empty");
    }

    @Test
    void queryRoundTripsEveryPortableTypeIncludingNulls() {
        String select = typedRow("1", "42", "9000000000", "1.5", "1234.56", "'héllo \"x\"'", "'2024-02-29'",
                "'2024-12-31 23:59:58'", "TRUE")
                + " UNION ALL " + typedRow("2", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL");
        adapter.replaceTable(rel("typed"), select);
        try (RowStream rs = adapter.query("SELECT * FROM " + sql("typed") + " ORDER BY id")) {
            List<String> types = rs.columns().stream().map(ColumnDef::type).toList();
            assertEquals(expectedTypes(TYPED_ROW_TYPES), types);
            assertEquals("dec", rs.columns().get(4).name().toLowerCase(Locale.ROOT));
            Object[] full = rs.next();
            assertEquals(42L, ((Number) full[1]).longValue());
            assertTrue(full[1] instanceof Long || full[1] instanceof Integer, "INTEGER reads as Long (or Integer)");
            assertEquals(9_000_000_000L, full[2]);
            assertEquals(1.5, (Double) full[3], 0.0);
            assertEquals(new BigDecimal("1234.56"), full[4]);
            assertEquals("héllo \"x\"", full[5]);
            assertEquals(LocalDate.of(2024, 2, 29), full[6]);
            assertEquals(LocalDateTime.of(2024, 12, 31, 23, 59, 58), full[7]);
            assertEquals(Boolean.TRUE, full[8]);
            Object[] nulls = rs.next();
            for (int i = 1; i < nulls.length; i++) assertNull(nulls[i], "column " + i + " of the null row");
            assertFalse(rs.hasNext());
        }
    }

    @Test
    void describeAndListReportTablesViewsAndColumns() {
        adapter.replaceTable(rel("described"), typedRow("1", "2", "3", "4.0", "5.25", "'v'", "'2024-01-01'",
                "'2024-01-01 00:00:00'", "FALSE"));
        adapter.replaceView(rel("described_view"), "SELECT id, v FROM " + sql("described"));
        TableInfo table = adapter.describe(rel("described")).orElseThrow();
        assertEquals(TableInfo.Kind.TABLE, table.kind());
        assertEquals(List.of("id", "i", "b", "d", "dec", "v", "dt", "ts", "bo"),
                table.columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        assertEquals(expectedTypes(TYPED_ROW_TYPES), table.columns().stream().map(ColumnDef::type).toList());
        TableInfo view = adapter.describe(rel("described_view")).orElseThrow();
        assertEquals(TableInfo.Kind.VIEW, view.kind());
        assertEquals(2, view.columns().size());
        assertTrue(adapter.describe(rel("no_such_relation")).isEmpty());
        List<String> listed = adapter.listRelations(schema).stream().map(t -> t.name().name()).toList();
        assertTrue(listed.containsAll(List.of("described", "described_view")), "listed: " + listed);
    }

    @Test
    void executeAndExecuteAtomically() {
        adapter.execute("CREATE TABLE " + sql("exec_t") + " (id BIGINT)");
        adapter.executeAtomically(List.of("INSERT INTO " + sql("exec_t") + " VALUES (1)",
                "INSERT INTO " + sql("exec_t") + " VALUES (2)"));
        assertEquals(2, count("exec_t"));
        assertThrows(WarehouseException.class, () -> adapter.executeAtomically(List.of(
                "INSERT INTO " + sql("exec_t") + " VALUES (3)", "INSERT INTO " + sql("no_such_table") + " VALUES (4)")));
        assertEquals(2, count("exec_t"), "the first statement of a failed atomic batch is rolled back");
        WarehouseException e = assertThrows(WarehouseException.class, () -> adapter.execute("SELEC nonsense"));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("SELEC nonsense"), "message names the failing SQL: " + e.getMessage());
    }

    @Test
    void replaceTableReplacesAndKeepsOldTableWhenQueryFails() {
        adapter.replaceTable(rel("atomic"), rangeSql(3));
        assertEquals(3, count("atomic"));
        adapter.replaceTable(rel("atomic"), "SELECT n, n * 2 AS doubled FROM (" + rangeSql(5) + ") r");
        assertEquals(5, count("atomic"));
        assertEquals(2, adapter.describe(rel("atomic")).orElseThrow().columns().size());

        WarehouseException e = assertThrows(WarehouseException.class,
                () -> adapter.replaceTable(rel("atomic"), runtimeFailingSelect()));
        assertNotNull(e.sql(), "the failing statement is reported");
        assertEquals(5, count("atomic"), "old rows survive a failed replace");
        assertEquals(20L, ((Number) single("SELECT SUM(doubled) AS s FROM " + sql("atomic"))).longValue());

        assertThrows(WarehouseException.class,
                () -> adapter.replaceTable(rel("atomic"), "SELECT no_such_column FROM " + sql("atomic")));
        assertEquals(5, count("atomic"), "old rows survive a replace that does not compile");
    }

    @Test
    void replaceViewReplacesAndSurvivesFailure() {
        adapter.replaceTable(rel("view_base"), rangeSql(10));
        adapter.replaceView(rel("v"), "SELECT n FROM " + sql("view_base") + " WHERE n < 4");
        assertEquals(4, count("v"));
        adapter.replaceView(rel("v"), "SELECT n, n + 1 AS m FROM " + sql("view_base") + " WHERE n < 7");
        assertEquals(7, count("v"));
        assertThrows(WarehouseException.class,
                () -> adapter.replaceView(rel("v"), "SELECT missing_col FROM " + sql("view_base")));
        assertEquals(7, count("v"), "old view survives a failed replace");
        // a table may become a view and back
        adapter.replaceTable(rel("kind_switch"), rangeSql(2));
        adapter.replaceView(rel("kind_switch"), rangeSql(3));
        assertEquals(TableInfo.Kind.VIEW, adapter.describe(rel("kind_switch")).orElseThrow().kind());
        adapter.replaceTable(rel("kind_switch"), rangeSql(4));
        assertEquals(TableInfo.Kind.TABLE, adapter.describe(rel("kind_switch")).orElseThrow().kind());
        assertEquals(4, count("kind_switch"));
    }

    @Test
    void mergeIntoCreatesInsertsAndUpdatesOnCompositeKey() {
        String first = "SELECT " + castSql("1", "BIGINT") + " AS a, " + castSql("'x'", "VARCHAR") + " AS b, "
                + castSql("10", "BIGINT") + " AS v UNION ALL SELECT 1, 'y', 20 UNION ALL SELECT 2, 'x', 30";
        adapter.mergeInto(rel("merged"), first, List.of("a", "b"));
        assertEquals(3, count("merged"), "mergeInto creates the table when missing");

        String second = "SELECT " + castSql("1", "BIGINT") + " AS a, " + castSql("'y'", "VARCHAR") + " AS b, "
                + castSql("21", "BIGINT") + " AS v UNION ALL SELECT 3, 'x', 40";
        adapter.mergeInto(rel("merged"), second, List.of("a", "b"));
        List<Object[]> r = rows("SELECT a, b, v FROM " + sql("merged") + " ORDER BY a, b");
        assertEquals(4, r.size());
        assertEquals(List.of("1/x/10", "1/y/21", "2/x/30", "3/x/40"),
                r.stream().map(x -> x[0] + "/" + x[1] + "/" + x[2]).toList());

        assertThrows(WarehouseException.class,
                () -> adapter.mergeInto(rel("merged"), runtimeFailingSelect(), List.of("id")));
        assertEquals(4, count("merged"), "a failed merge changes nothing");
        assertThrows(WarehouseException.class, () -> adapter.mergeInto(rel("merged"), second, List.of("nope")));
        assertEquals(4, count("merged"));
    }

    private static final List<ColumnDef> LOAD_COLUMNS = List.of(ColumnDef.of("id", "BIGINT"),
            ColumnDef.of("qty", "INTEGER"), ColumnDef.of("score", "DOUBLE"), ColumnDef.of("amount", "DECIMAL(10,2)"),
            ColumnDef.of("label", "VARCHAR"), ColumnDef.of("load_day", "DATE"), ColumnDef.of("load_at", "TIMESTAMP"),
            ColumnDef.of("flag", "BOOLEAN"));

    /** Rows 0..n-1; a null label on every 10th row; throws at row {@code failAt} (or never when negative). */
    private static Iterator<Object[]> loadRows(long n, long failAt) {
        return new Iterator<>() {
            long i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Object[] next() {
                if (i >= n) throw new NoSuchElementException();
                if (i == failAt) throw new IllegalStateException("source failed at row " + i);
                long k = i++;
                return new Object[] {k, (int) (k % 7), k / 4.0, BigDecimal.valueOf(k % 1000, 2),
                        k % 10 == 0 ? null : "row-" + k, LocalDate.of(2024, 1, 1).plusDays(k % 366),
                        LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(k), k % 2 == 0};
            }
        };
    }

    @Test
    void bulkLoadWritesRowsAndReplacesAtomically() {
        assertEquals(100_000L, adapter.bulkLoad(rel("loaded"), LOAD_COLUMNS, loadRows(100_000, -1), true));
        assertEquals(100_000, count("loaded"));
        Object[] agg = rows("SELECT SUM(id), SUM(qty), COUNT(label), SUM(CASE WHEN flag THEN 1 ELSE 0 END), "
                + "MAX(load_day), MAX(load_at), SUM(amount) FROM " + sql("loaded")).get(0);
        assertEquals(4_999_950_000L, ((Number) agg[0]).longValue());
        long qty = 0;
        BigDecimal amount = BigDecimal.ZERO;
        for (long k = 0; k < 100_000; k++) {
            qty += k % 7;
            amount = amount.add(BigDecimal.valueOf(k % 1000, 2));
        }
        assertEquals(qty, ((Number) agg[1]).longValue());
        assertEquals(90_000L, ((Number) agg[2]).longValue());
        assertEquals(50_000L, ((Number) agg[3]).longValue());
        assertEquals(LocalDate.of(2024, 12, 31), agg[4]);
        assertEquals(LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(99_999), agg[5]);
        assertEquals(0, amount.compareTo(new BigDecimal(agg[6].toString())));

        assertEquals(10L, adapter.bulkLoad(rel("loaded"), LOAD_COLUMNS, loadRows(10, -1), false));
        assertEquals(100_010, count("loaded"), "replace=false appends");

        assertThrows(WarehouseException.class,
                () -> adapter.bulkLoad(rel("loaded"), LOAD_COLUMNS, loadRows(100_000, 60_000), true));
        assertEquals(100_010, count("loaded"), "a failed replacing load leaves the old table");

        assertEquals(3L, adapter.bulkLoad(rel("loaded"), LOAD_COLUMNS, loadRows(3, -1), true));
        assertEquals(3, count("loaded"), "replace=true replaces");
    }

    @Test
    void dropIfExistsDropsTablesAndViewsAndIgnoresMissing() {
        adapter.replaceTable(rel("to_drop"), rangeSql(1));
        adapter.replaceView(rel("to_drop_view"), rangeSql(1));
        adapter.dropIfExists(rel("to_drop_view"));
        adapter.dropIfExists(rel("to_drop"));
        adapter.dropIfExists(rel("never_existed"));
        assertTrue(adapter.describe(rel("to_drop")).isEmpty());
        assertTrue(adapter.describe(rel("to_drop_view")).isEmpty());
    }

    @Test
    void queryStreamsAMillionRowsLazily() {
        long n = 1_000_000;
        long seen = 0;
        long sum = 0;
        try (RowStream rs = adapter.query(rangeSql(n))) {
            assertEquals("BIGINT", rs.columns().get(0).type());
            while (rs.hasNext()) {
                sum += (Long) rs.next()[0];
                seen++;
            }
        }
        assertEquals(n, seen);
        assertEquals(n * (n - 1) / 2, sum);
        // closing early must release the result without reading it all
        try (RowStream rs = adapter.query(rangeSql(n))) {
            assertTrue(rs.hasNext());
            rs.next();
        }
    }

    @Test
    void quotedIdentifiersRoundTrip() {
        String col = "odd \"name\"";
        adapter.replaceTable(rel("quoted"), "SELECT 1 AS " + adapter.quote(col));
        assertEquals(col, adapter.describe(rel("quoted")).orElseThrow().columns().get(0).name());
    }

    /** The warehouse's SqlFlavor spells what the engine writes by hand in a way this warehouse runs and reads back. */
    @Test
    void flavorSpellingsRunOnTheWarehouse() {
        SqlFlavor f = adapter.flavor();
        for (String name : List.of("customer_id", "odd name")) assertEquals(adapter.quote(name), f.quote(name), name);
        String text = "it's a \\d";
        adapter.replaceTable(rel("flavored"), "SELECT " + f.stringLiteral(text) + " AS s, "
                + f.timestampLiteral(Instant.parse("2024-12-31T06:00:00.123456Z")) + " AS t, CAST(1.5 AS "
                + f.float64Type() + ") AS d, " + f.daysBetween("DATE '2024-01-01'", "DATE '2024-02-01'") + " AS n, "
                + f.seededHash("'k'", 7) + " AS h");
        try (RowStream rs = adapter.query("SELECT * FROM " + adapter.render(rel("flavored")))) {
            Object[] row = rs.next();
            assertEquals(text, row[0]);
            assertEquals(LocalDateTime.of(2024, 12, 31, 6, 0, 0, 123456000), row[1]);
            assertEquals(1.5, ((Number) row[2]).doubleValue());
            assertEquals(31L, ((Number) row[3]).longValue());
            assertNotNull(row[4]);
        }
    }
}
