package io.segflow.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.duckdb.DuckDbAdapterFactory;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Generates into a real DuckDB database and checks sizes, integrity, determinism and planted structure. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleDataGeneratorTest {
    private static final long CUSTOMERS = 10_000;

    @TempDir
    static Path dir;

    private WarehouseAdapter adapter;
    private GenerationSummary summary;

    @BeforeAll
    void generate() {
        adapter = open("datagen.duckdb");
        summary = new ExampleDataGenerator(CUSTOMERS, 42).generate(adapter, "raw");
        System.out.println("datagen " + CUSTOMERS + " customers: " + summary);
    }

    @AfterAll
    void close() {
        adapter.close();
    }

    private static WarehouseAdapter open(String file) {
        return new DuckDbAdapterFactory().open(new TargetConfig("t", "duckdb", Map.of("path", file), dir));
    }

    private Object[] row(String sql) {
        try (RowStream rs = adapter.query(sql)) {
            return rs.next();
        }
    }

    private double num(String sql) {
        return ((Number) row(sql)[0]).doubleValue();
    }

    /** An order-sensitive digest of every table's full contents. */
    private static List<String> digests(WarehouseAdapter a, String schema) {
        String[][] tables = {{"customers", "customer_id"}, {"orders", "order_id"},
            {"order_items", "order_id, line_no"}, {"events", "event_id"}, {"support_tickets", "ticket_id"}};
        List<String> out = new ArrayList<>();
        for (String[] t : tables) {
            String sql = "SELECT md5(string_agg(CAST(t AS VARCHAR), '\n' ORDER BY " + t[1] + ")) FROM " + schema + "."
                    + t[0] + " t";
            try (RowStream rs = a.query(sql)) {
                out.add(t[0] + ":" + rs.next()[0]);
            }
        }
        return out;
    }

    @Test
    void rowCountsAreInTheAdvertisedRanges() {
        assertEquals(CUSTOMERS, summary.rows("customers"));
        assertEquals(summary.rows("customers"), num("SELECT COUNT(*) FROM raw.customers"));
        double ordersPer = summary.rows("orders") / (double) CUSTOMERS;
        double eventsPer = summary.rows("events") / (double) CUSTOMERS;
        double ticketsPer = summary.rows("support_tickets") / (double) CUSTOMERS;
        assertTrue(ordersPer >= 3.0 && ordersPer <= 4.5, "orders per customer " + ordersPer);
        assertTrue(eventsPer >= 16 && eventsPer <= 24, "events per customer " + eventsPer);
        assertTrue(ticketsPer >= 0.2 && ticketsPer <= 0.45, "tickets per customer " + ticketsPer);
        assertTrue(summary.rows("order_items") > summary.rows("orders"));
        assertEquals(summary.rows("events"), num("SELECT COUNT(*) FROM raw.events"));
        assertEquals(10, num("SELECT COUNT(DISTINCT category) FROM raw.order_items"));
    }

    @Test
    void keysAreUniqueAndReferencesResolve() {
        assertEquals(0, num("SELECT COUNT(*) - COUNT(DISTINCT order_id) FROM raw.orders"));
        assertEquals(0, num("SELECT COUNT(*) - COUNT(DISTINCT event_id) FROM raw.events"));
        assertEquals(0, num("SELECT COUNT(*) FROM raw.orders o ANTI JOIN raw.customers c USING (customer_id)"));
        assertEquals(0, num("SELECT COUNT(*) FROM raw.order_items i ANTI JOIN raw.orders o USING (order_id)"));
        assertEquals(0, num("SELECT COUNT(*) FROM raw.events e ANTI JOIN raw.customers c USING (customer_id)"));
        assertEquals(0, num("SELECT COUNT(*) FROM raw.support_tickets t ANTI JOIN raw.customers c USING (customer_id)"));
        assertEquals(0, num("SELECT COUNT(*) FROM raw.orders o ANTI JOIN raw.order_items i USING (order_id)"),
                "every order has lines");
    }

    @Test
    void valuesAreConsistentAndInsideTheHistoryWindow() {
        assertEquals(0, num("SELECT COUNT(*) FROM raw.orders o JOIN (SELECT order_id, SUM(quantity) q, "
                + "SUM(quantity * unit_price) g FROM raw.order_items GROUP BY order_id) i USING (order_id) "
                + "WHERE o.items <> i.q OR o.gross_amount <> i.g"), "order totals equal the sum of their lines");
        assertEquals(0, num("SELECT COUNT(*) FROM raw.orders WHERE discount_amount > gross_amount "
                + "OR status NOT IN ('completed','returned','cancelled') OR channel NOT IN ('web','app','store')"));
        assertTrue(row("SELECT MIN(order_ts) >= TIMESTAMP '2023-01-01' AND MAX(order_ts) < TIMESTAMP '2025-01-01' "
                + "FROM raw.orders")[0].equals(Boolean.TRUE));
        assertTrue(row("SELECT MIN(event_ts) >= TIMESTAMP '2023-01-01' AND MAX(event_ts) < TIMESTAMP '2025-01-01' "
                + "FROM raw.events")[0].equals(Boolean.TRUE));
        assertTrue(row("SELECT MAX(signup_date) = DATE '2024-12-31' OR MAX(signup_date) >= DATE '2024-12-20' "
                + "FROM raw.customers")[0].equals(Boolean.TRUE));
        assertEquals(0, num("SELECT COUNT(*) FROM raw.support_tickets WHERE resolved_ts < created_ts "
                + "OR csat NOT BETWEEN 1 AND 5 OR created_ts >= TIMESTAMP '2025-01-01'"));
        // every online order has exactly one purchase event at its timestamp, store orders have none
        assertEquals(0, num("SELECT COUNT(*) FROM raw.orders o FULL JOIN (SELECT customer_id, event_ts FROM raw.events "
                + "WHERE event_type = 'purchase') e ON e.customer_id = o.customer_id AND e.event_ts = o.order_ts "
                + "AND o.channel <> 'store' WHERE (o.channel <> 'store' AND e.event_ts IS NULL) OR o.order_id IS NULL"));
        assertEquals(7, num("SELECT COUNT(DISTINCT event_type) FROM raw.events"));
    }

    @Test
    void latentBehaviourLeavesMeasurableStructure() {
        // churned customers stop: nobody who was active early and then went quiet for 120+ days orders again,
        // so a sizeable group has orders but none in the last 90 days
        double lapsed = num("SELECT COUNT(*) FROM (SELECT customer_id, MAX(order_ts) last FROM raw.orders "
                + "GROUP BY customer_id HAVING COUNT(*) >= 2 AND MAX(order_ts) < TIMESTAMP '2024-09-02')");
        assertTrue(lapsed > CUSTOMERS * 0.05, "lapsed repeat buyers: " + lapsed);
        double withoutOrders = num("SELECT COUNT(*) FROM raw.customers c ANTI JOIN raw.orders o USING (customer_id)");
        assertTrue(withoutOrders > CUSTOMERS * 0.08, "browse-only customers: " + withoutOrders);
        double browsersWithEvents = num("SELECT COUNT(DISTINCT customer_id) FROM raw.events e ANTI JOIN raw.orders o "
                + "USING (customer_id)");
        assertTrue(browsersWithEvents > CUSTOMERS * 0.08, "customers who browse but never buy: " + browsersWithEvents);
        double oneTimers = num("SELECT COUNT(*) FROM (SELECT customer_id FROM raw.orders GROUP BY 1 HAVING COUNT(*) = 1)");
        assertTrue(oneTimers > CUSTOMERS * 0.15, "one-time buyers: " + oneTimers);
        // heavy buyers spend more per order (loyal / high-value type)
        Object[] spend = row("SELECT AVG(CASE WHEN n >= 15 THEN avg_gross END), AVG(CASE WHEN n <= 3 THEN avg_gross END)"
                + " FROM (SELECT customer_id, COUNT(*) n, AVG(gross_amount) avg_gross FROM raw.orders GROUP BY 1)");
        assertTrue(((Number) spend[0]).doubleValue() > ((Number) spend[1]).doubleValue() * 1.2,
                "frequent buyers spend more per order: " + spend[0] + " vs " + spend[1]);
        // bargain hunters: a group whose orders are mostly discounted
        double bargain = num("SELECT COUNT(*) FROM (SELECT customer_id FROM raw.orders GROUP BY 1 "
                + "HAVING COUNT(*) >= 3 AND AVG(CASE WHEN discount_amount > 0 THEN 1 ELSE 0 END) > 0.7)");
        assertTrue(bargain > CUSTOMERS * 0.05, "discount-driven customers: " + bargain);
        // customers concentrate on their favourite category
        double topShare = num("SELECT AVG(top_share) FROM (SELECT customer_id, MAX(c) / SUM(c) top_share FROM "
                + "(SELECT customer_id, category, COUNT(*) c FROM raw.events WHERE category IS NOT NULL GROUP BY 1, 2) "
                + "GROUP BY 1 HAVING SUM(c) >= 10)");
        assertTrue(topShare > 0.3, "favourite-category share of product events: " + topShare);
    }

    @Test
    void hiddenBehaviourTypesShowInTheData() {
        CustomerSimulator sim = new CustomerSimulator(42);
        List<Object[]> types = new ArrayList<>();
        for (long id = 1; id <= CUSTOMERS; id++) types.add(new Object[] {id, sim.behaviourOf(id).name()});
        adapter.bulkLoad(RelationName.of("raw", "hidden_type"),
                List.of(ColumnDef.of("customer_id", "BIGINT"), ColumnDef.of("type", "VARCHAR")),
                types.iterator(), true);
        String perType = "SELECT h.type, COUNT(DISTINCT c.customer_id) customers, COUNT(o.order_id) orders, "
                + "MAX(o.order_ts) last_order, MIN(c.signup_date) first_signup, "
                + "(SELECT MAX(e.event_ts) FROM raw.events e JOIN raw.hidden_type x USING (customer_id) "
                + " WHERE x.type = h.type) last_event "
                + "FROM raw.hidden_type h JOIN raw.customers c USING (customer_id) "
                + "LEFT JOIN raw.orders o USING (customer_id) GROUP BY h.type";
        Map<String, Object[]> byType = new HashMap<>();
        try (RowStream rs = adapter.query(perType)) {
            rs.forEachRemaining(r -> byType.put((String) r[0], r));
        }
        assertEquals(7, byType.size());
        LocalDateTime cutoff = LocalDateTime.of(2024, 10, 2, 0, 0);
        Object[] churned = byType.get("CHURNED");
        assertTrue(((LocalDateTime) churned[3]).isBefore(cutoff), "churned customers: no orders in the "
                + "last 90 days, last was " + churned[3]);
        assertTrue(((LocalDateTime) churned[5]).isBefore(cutoff), "churned customers: no events either");
        assertEquals(0L, byType.get("BROWSER_ONLY")[2], "browser-only customers never order");
        assertTrue(((LocalDate) byType.get("NEW")[4]).isAfter(LocalDate.of(2024, 10, 1)),
                "new customers signed up in the last 90 days");
        assertEquals(((Number) byType.get("ONE_TIME")[1]).longValue(), ((Number) byType.get("ONE_TIME")[2]).longValue(),
                "one-time buyers order exactly once");
        double loyalRate = ((Number) byType.get("LOYAL_HIGH_VALUE")[2]).doubleValue()
                / ((Number) byType.get("LOYAL_HIGH_VALUE")[1]).doubleValue();
        double regularRate = ((Number) byType.get("REGULAR")[2]).doubleValue()
                / ((Number) byType.get("REGULAR")[1]).doubleValue();
        assertTrue(loyalRate > 2 * regularRate, "loyal customers order far more often: " + loyalRate + " vs "
                + regularRate);
        double churnedCsat = num("SELECT AVG(csat) FROM raw.support_tickets JOIN raw.hidden_type USING (customer_id) "
                + "WHERE type = 'CHURNED'");
        double otherCsat = num("SELECT AVG(csat) FROM raw.support_tickets JOIN raw.hidden_type USING (customer_id) "
                + "WHERE type <> 'CHURNED'");
        assertTrue(churnedCsat < otherCsat - 1, "churned customers were unhappy: " + churnedCsat + " vs " + otherCsat);
    }

    @Test
    void sameSeedGivesIdenticalTablesAndOtherSeedsDiffer() {
        try (WarehouseAdapter other = open("determinism.duckdb")) {
            new ExampleDataGenerator(1_500, 7).generate(other, "a");
            new ExampleDataGenerator(1_500, 7).generate(other, "b");
            new ExampleDataGenerator(1_500, 8).generate(other, "c");
            List<String> a = digests(other, "a");
            assertEquals(a, digests(other, "b"));
            List<String> c = digests(other, "c");
            for (int i = 0; i < a.size(); i++) assertNotEquals(a.get(i), c.get(i));
            // a customer's history does not depend on how many customers are generated
            new ExampleDataGenerator(500, 7).generate(other, "d");
            String prefix = "SELECT md5(string_agg(CAST(t AS VARCHAR), ',' ORDER BY event_id)) FROM %s.events t "
                    + "WHERE customer_id <= 500";
            try (RowStream x = other.query(String.format(prefix, "a")); RowStream y = other.query(String.format(prefix, "d"))) {
                assertEquals(x.next()[0], y.next()[0]);
            }
        }
    }

    /** Scale run, 20,000 customers unless {@code -Dsegflow.datagen.scale=1000000}; prints the timing, asserts only the row counts. */
    @Test
    void scaleRun() {
        long n = Long.getLong("segflow.datagen.scale", 20_000);
        try (WarehouseAdapter big = open("scale.duckdb")) {
            GenerationSummary s = new ExampleDataGenerator(n, 1).generate(big, "raw");
            System.out.println("datagen scale " + n + " customers: " + s);
            assertEquals(n, s.rows("customers"));
        }
    }
}
