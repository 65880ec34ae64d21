package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jaffle_shop-shaped project that uses bundled dbt_utils macros and tests, dbt cross-database macros, a macro
 * dispatched per target from a local package, and generic tests of its own and of the package: it builds and
 * tests on DuckDB as written, and its tables hold the values worked out by hand from the seed CSVs.
 */
class DbtMacrosEndToEndTest {
    private static final Path FIXTURE = Path.of("src/test/resources/dbt_macros/jaffle");

    @TempDir
    Path dir;

    @BeforeEach
    void copyFixture() throws IOException {
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path src : files.toList()) {
                Path dest = dir.resolve(FIXTURE.relativize(src).toString());
                if (Files.isDirectory(src)) Files.createDirectories(dest);
                else Files.copy(src, dest);
            }
        }
    }

    private List<List<Object>> query(String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("target/dev.duckdb"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.add(rs.getObject(i));
                rows.add(row);
            }
        }
        return rows;
    }

    private static String md5(String text) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, d));
    }

    @Test
    void buildsAndTestsWithTheHandDerivedValues() throws Exception {
        CliRunner.Result r = CliRunner.run(dir, "build");
        assertEquals(0, r.code(), r.all());
        // customer 1: orders 1 (10.00) and 2 (5.00); 2: order 3 (20.00 + 5.00); 3: orders 4 (15.00) and 5 (7.00,
        // its duplicated payment row removed by deduplicate)
        assertEquals(List.of(
                        List.of(1, "Ann", md5("1-Ann"), "2024-01-01", "2024-01-15", 14L, 2L, "15.00"),
                        List.of(2, "Bob", md5("2-Bob"), "2024-02-01", "2024-02-01", 0L, 1L, "25.00"),
                        List.of(3, "Cid", md5("3-Cid"), "2024-02-20", "2024-02-21", 1L, 2L, "22.00")),
                query("select customer_id::int, first_name, customer_key, first_order::varchar, most_recent_order::varchar,"
                        + " days_active, number_of_orders, customer_lifetime_value::decimal(10,2)::varchar"
                        + " from analytics.customers order by 1"));
        // pivot: one column per payment method, null where the order has no such payment
        assertEquals(List.of(
                        List.of(1, "completed", "null", "null", "10.00", "null", "10.00"),
                        List.of(2, "returned", "null", "5.00", "null", "null", "5.00"),
                        List.of(3, "completed", "null", "null", "20.00", "5.00", "25.00"),
                        List.of(4, "placed", "15.00", "null", "null", "null", "15.00"),
                        List.of(5, "completed", "null", "null", "7.00", "null", "7.00")),
                query("select order_id::int, status, coalesce(bank_transfer_amount::decimal(10,2)::varchar, 'null'),"
                        + " coalesce(coupon_amount::decimal(10,2)::varchar, 'null'),"
                        + " coalesce(credit_card_amount::decimal(10,2)::varchar, 'null'),"
                        + " coalesce(gift_card_amount::decimal(10,2)::varchar, 'null'), total_amount::decimal(10,2)::varchar"
                        + " from analytics.orders order by 1"));
        assertEquals(List.of(List.of(7L, "2024-01-01", "2024-01-07")),
                query("select count(*), min(date_day)::date::varchar, max(date_day)::date::varchar"
                        + " from analytics.order_calendar"));
        assertEquals(List.of(
                        List.of("\"analytics\".\"raw_customers\"", "1", "Ann", "Lee", "null"),
                        List.of("\"analytics\".\"raw_customers\"", "2", "Bob", "Ray", "null"),
                        List.of("\"analytics\".\"raw_customers\"", "3", "Cid", "Kay", "null"),
                        List.of("\"analytics\".\"raw_employees\"", "10", "Dee", "null", "support"),
                        List.of("\"analytics\".\"raw_employees\"", "11", "Eve", "null", "kitchen")),
                query("select _dbt_source_relation, id, first_name, coalesce(last_name, 'null'), coalesce(team, 'null')"
                        + " from analytics.people order by id::int"));
        assertEquals(List.of(List.of(1, "first_name", "Ann"), List.of(1, "last_name", "Lee"),
                        List.of(3, "first_name", "Cid"), List.of(3, "last_name", "Kay")),
                query("select id::int, attribute, value from analytics.customer_names_long"
                        + " where id <> 2 order by 1, 2"));
        // every data test passed except the deliberately failing warn-severity accepted_range
        // (customers 1 and 3 have two orders each)
        String out = r.all();
        assertTrue(out.matches("(?s).*WARN +test\\.dbt_utils_accepted_range_customers_number_of_orders_\\w+ \\[2 failing rows.*"), out);
        assertTrue(out.contains("18 passed, 1 warned, 0 failed, 0 errors"), out);
    }

    @Test
    void overlappingRangesFailTheBundledTest() throws Exception {
        Files.writeString(dir.resolve("seeds/raw_prices.csv"), "product,valid_from,valid_to,price\n"
                + "jaffle,2024-01-01,2024-02-15,5\njaffle,2024-02-01,2024-03-01,6\n");
        CliRunner.Result r = CliRunner.run(dir, "build", "--select", "+prices+");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.all().matches("(?s).*FAIL +test\\.dbt_utils_mutually_exclusive_ranges_prices_\\w+ \\[1 failing row.*"), r.all());
    }

    @Test
    void aHubPackageIsAPositionedErrorAskingToVendorIt() throws Exception {
        Files.writeString(dir.resolve("packages.yml"), "packages:\n  - local: packages/jaffle_utils\n"
                + "  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n");
        CliRunner.Result r = CliRunner.run(dir, "compile");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.all().contains("packages.yml:3:5: error[SF120]: package entry (package: dbt-labs/dbt_utils) would be"
                + " fetched over the network"), r.all());
    }

    @Test
    void anUnknownGenericTestNamesTheClosestOne() throws Exception {
        Path schema = dir.resolve("features/schema.yml");
        Files.writeString(schema, Files.readString(schema).replace("dbt_utils.not_constant", "dbt_utils.not_konstant"));
        CliRunner.Result r = CliRunner.run(dir, "compile");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.all().contains("error[SF106]: unknown test 'dbt_utils.not_konstant'"), r.all());
        assertTrue(r.all().contains("dbt_utils.not_constant"), r.all());
    }

    @Test
    void runQueryIsAPositionedErrorWhenCompilingOffline() throws Exception {
        Files.writeString(dir.resolve("features/marts/methods.sql"), "select 1 as one\n"
                + "{%- set m = dbt_utils.get_column_values(ref('stg_payments'), 'payment_method') %}\n");
        CliRunner.Result r = CliRunner.run(dir, "compile");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.all().contains("error[SF211]: run_query() needs a connection to the target"), r.all());
    }
}
