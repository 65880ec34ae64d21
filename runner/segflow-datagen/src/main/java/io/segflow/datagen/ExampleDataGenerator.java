package io.segflow.datagen;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Deterministic synthetic e-commerce / CDP data: customers, orders, order_items, events (web/app clickstream)
 * and support_tickets, about two years of history up to {@link #AS_OF} (2024-12-31).
 *
 * <p>Customers have hidden behaviour types (loyal/high value, regular, bargain hunter, one-time, churned, new,
 * browser-only) and per-customer category affinities, so RFM, clustering and churn models find real structure.
 * Every customer is simulated from a random stream derived from (seed, customer_id) alone: the same seed gives
 * identical tables. Rows stream straight into {@link WarehouseAdapter#bulkLoad} (one loader thread per table,
 * bounded queues), so memory stays flat at any scale; each table is replaced atomically.
 *
 * <p>Averages per customer: ~20 events, ~3.5 orders, ~2 order lines per order, ~0.3 support tickets.
 */
public final class ExampleDataGenerator {
    /** Last day of the generated history. */
    public static final LocalDate AS_OF = CustomerSimulator.AS_OF;
    /** First day of the generated history. */
    public static final LocalDate HISTORY_START = CustomerSimulator.HISTORY_START;
    public static final long DEFAULT_CUSTOMERS = 10_000;

    /** The generated tables and their columns, in load order. */
    public static final Map<String, List<ColumnDef>> TABLES = tables();

    private final long customers;
    private final long seed;

    /** @param customers how many customers to generate (ids 1..customers, at most 90 billion) */
    public ExampleDataGenerator(long customers, long seed) {
        if (customers < 0 || customers > 90_000_000_000L) {
            throw new IllegalArgumentException("customers must be between 0 and 90 billion, got " + customers);
        }
        this.customers = customers;
        this.seed = seed;
    }

    public long customers() {
        return customers;
    }

    public long seed() {
        return seed;
    }

    /**
     * Creates {@code schema} if needed and (re)writes the five tables in it.
     *
     * @throws WarehouseException when a load fails; tables whose load had not committed keep their old contents
     */
    public GenerationSummary generate(WarehouseAdapter adapter, String schema) {
        return generate(adapter, schema, done -> { });
    }

    /** As {@link #generate(WarehouseAdapter, String)}, reporting the number of customers simulated so far. */
    public GenerationSummary generate(WarehouseAdapter adapter, String schema, LongConsumer progress) {
        long started = System.nanoTime();
        adapter.createSchemaIfMissing(schema);
        List<String> names = new ArrayList<>(TABLES.keySet());
        List<TableFeed> feeds = new ArrayList<>();
        for (String name : names) feeds.add(new TableFeed(name));
        ExecutorService loaders = Executors.newFixedThreadPool(names.size(), r -> {
            Thread t = new Thread(r, "segflow-datagen-load");
            t.setDaemon(true);
            return t;
        });
        List<Future<Long>> loads = new ArrayList<>();
        try {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                TableFeed feed = feeds.get(i);
                loads.add(loaders.submit(() -> {
                    try {
                        return adapter.bulkLoad(RelationName.of(schema, name), TABLES.get(name), feed, true);
                    } finally {
                        feed.loaderStopped();
                    }
                }));
            }
            try {
                produce(feeds, progress);
            } catch (RuntimeException | Error e) {
                feeds.forEach(TableFeed::abort);
                Throwable loadFailure = firstLoadFailure(loads);
                if (loadFailure != null) {
                    throw new WarehouseException("Generating example data into schema " + schema + " failed: "
                            + loadFailure.getMessage(), loadFailure);
                }
                throw e;
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) counts.put(names.get(i), await(loads.get(i), schema));
            return new GenerationSummary(counts, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            loaders.shutdownNow();
        }
    }

    private void produce(List<TableFeed> feeds, LongConsumer progress) {
        TableFeed customerFeed = feeds.get(0);
        TableFeed orderFeed = feeds.get(1);
        TableFeed itemFeed = feeds.get(2);
        TableFeed eventFeed = feeds.get(3);
        TableFeed ticketFeed = feeds.get(4);
        CustomerSimulator.Sink sink = new CustomerSimulator.Sink() {
            @Override
            public void customer(Object[] row) {
                customerFeed.add(row);
            }

            @Override
            public void order(Object[] row) {
                orderFeed.add(row);
            }

            @Override
            public void orderItem(Object[] row) {
                itemFeed.add(row);
            }

            @Override
            public void event(Object[] row) {
                eventFeed.add(row);
            }

            @Override
            public void ticket(Object[] row) {
                ticketFeed.add(row);
            }
        };
        CustomerSimulator simulator = new CustomerSimulator(seed);
        long step = Math.max(1, customers / 200);
        for (long id = 1; id <= customers; id++) {
            simulator.simulate(id, sink);
            if (id % step == 0 || id == customers) progress.accept(id);
        }
        feeds.forEach(TableFeed::finish);
    }

    private static Throwable firstLoadFailure(List<Future<Long>> loads) {
        for (Future<Long> f : loads) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (!(cause instanceof IllegalStateException) && !(cause.getCause() instanceof IllegalStateException)) {
                    return cause;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return e;
            }
        }
        return null;
    }

    private static long await(Future<Long> load, String schema) {
        try {
            return load.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WarehouseException we) throw we;
            throw new WarehouseException("Loading example data into schema " + schema + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("Interrupted while loading example data", e);
        }
    }

    private static Map<String, List<ColumnDef>> tables() {
        Map<String, List<ColumnDef>> t = new LinkedHashMap<>();
        t.put("customers", List.of(col("customer_id", "BIGINT"), col("email", "VARCHAR"),
                col("first_name", "VARCHAR"), col("last_name", "VARCHAR"), col("country", "VARCHAR"),
                col("city", "VARCHAR"), col("signup_date", "DATE"), col("birth_year", "INTEGER"),
                ColumnDef.of("gender", "VARCHAR"), col("acquisition_channel", "VARCHAR"),
                col("marketing_opt_in", "BOOLEAN")));
        t.put("orders", List.of(col("order_id", "BIGINT"), col("customer_id", "BIGINT"), col("order_ts", "TIMESTAMP"),
                col("status", "VARCHAR"), col("channel", "VARCHAR"), col("items", "INTEGER"),
                col("gross_amount", "DECIMAL(12,2)"), col("discount_amount", "DECIMAL(12,2)"),
                col("shipping_amount", "DECIMAL(12,2)")));
        t.put("order_items", List.of(col("order_id", "BIGINT"), col("line_no", "INTEGER"),
                col("product_id", "BIGINT"), col("category", "VARCHAR"), col("quantity", "INTEGER"),
                col("unit_price", "DECIMAL(10,2)")));
        t.put("events", List.of(col("event_id", "BIGINT"), col("customer_id", "BIGINT"), col("session_id", "BIGINT"),
                col("event_ts", "TIMESTAMP"), col("event_type", "VARCHAR"), col("page", "VARCHAR"),
                ColumnDef.of("category", "VARCHAR"), ColumnDef.of("search_query", "VARCHAR"),
                col("device", "VARCHAR")));
        t.put("support_tickets", List.of(col("ticket_id", "BIGINT"), col("customer_id", "BIGINT"),
                col("created_ts", "TIMESTAMP"), col("channel", "VARCHAR"), col("topic", "VARCHAR"),
                col("priority", "VARCHAR"), ColumnDef.of("resolved_ts", "TIMESTAMP"), ColumnDef.of("csat", "INTEGER")));
        return t;
    }

    private static ColumnDef col(String name, String type) {
        return new ColumnDef(name, type, false);
    }
}
