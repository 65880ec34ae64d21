package io.segflow.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.segflow.datagen.ExampleDataGenerator;
import io.segflow.duckdb.DuckDbAdapterFactory;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseAdapterFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import io.segflow.testkit.LivePostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dialect corpus's PostgreSQL goldens run on a live server (SEGFLOW_PG_* as in {@code .ci/postgres.sh}; under
 * {@code CI=true} a missing server fails) over the same generated data as DuckDB, and return the DuckDB goldens'
 * rows. Numbers compare by value: PostgreSQL's numeric and DuckDB's DECIMAL/DOUBLE print differently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresDialectCorpusTest {
    private WarehouseAdapter duck;
    private WarehouseAdapter pg;
    private WarehouseAdapter admin;
    private String database;

    @BeforeAll
    void loadTheSameDataIntoBoth() {
        WarehouseAdapterFactory postgres = ServiceLoader.load(WarehouseAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.type().equals("postgres")).findFirst().orElseThrow();
        Map<String, Object> settings = new HashMap<>(LivePostgres.settings());
        settings.put("run_lock", "false");
        // the goldens read raw.*: load it into a database of this run's own
        admin = postgres.open(new TargetConfig("corpus", "postgres", settings, null));
        database = "segflow_corpus_" + UUID.randomUUID().toString().substring(0, 8);
        admin.execute("CREATE DATABASE " + database);
        settings.put("dbname", database);
        pg = postgres.open(new TargetConfig("corpus", "postgres", settings, null));
        duck = new DuckDbAdapterFactory().open(new TargetConfig("corpus", "duckdb", Map.of(), null));
        new ExampleDataGenerator(1500, 7).generate(duck, "raw");
        new ExampleDataGenerator(1500, 7).generate(pg, "raw");
    }

    @AfterAll
    void close() {
        if (pg != null) pg.close();
        if (admin != null) {
            admin.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            admin.close();
        }
        if (duck != null) duck.close();
    }

    static Stream<String> cases() throws IOException {
        return DialectGoldenTest.cases();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void postgresGoldenReturnsTheRowsOfTheDuckDbGolden(String name) throws IOException {
        List<String> expected = rows(duck, Files.readString(DialectGoldenTest.ROOT.resolve("duckdb/" + name + ".sql")));
        List<String> got = rows(pg, Files.readString(DialectGoldenTest.ROOT.resolve("postgres/" + name + ".sql")));
        assertFalse(expected.isEmpty(), name);
        assertEquals(expected, got, name);
    }

    private static List<String> rows(WarehouseAdapter adapter, String sql) {
        List<String> out = new ArrayList<>();
        try (RowStream rs = adapter.query(sql)) {
            while (rs.hasNext()) {
                StringBuilder sb = new StringBuilder();
                for (Object v : rs.next()) sb.append(text(v)).append('|');
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static Object text(Object v) {
        if (!(v instanceof Number n)) return v;
        BigDecimal d = new BigDecimal(n.toString());
        return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger() : String.format(Locale.ROOT, "%.6f", n.doubleValue());
    }
}
