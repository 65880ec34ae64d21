package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
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
        return CliRunner.query(dir.resolve("target/dev.duckdb"), sql);
    }

    /** Runs {@code segflow compile}, which must fail with exit code 2, and returns its output. */
    private String compileErrors() {
        CliRunner.Result r = CliRunner.run(dir, "compile");
        assertEquals(2, r.code(), r.all());
        return r.all();
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
        String out = compileErrors();
        assertTrue(out.contains("packages.yml:3:5: error[SF120]: package entry (package: dbt-labs/dbt_utils) would be"
                + " fetched over the network"), out);
    }

    @Test
    void anUnknownGenericTestNamesTheClosestOne() throws Exception {
        Path schema = dir.resolve("features/schema.yml");
        Files.writeString(schema, Files.readString(schema).replace("dbt_utils.not_constant", "dbt_utils.not_konstant"));
        String out = compileErrors();
        assertTrue(out.contains("error[SF106]: unknown test 'dbt_utils.not_konstant'"), out);
        assertTrue(out.contains("did you mean 'dbt_utils.not_constant'?"), out);
    }

    @Test
    void runQueryIsAPositionedErrorWhenCompilingOffline() throws Exception {
        Files.writeString(dir.resolve("features/marts/methods.sql"), "select 1 as one\n"
                + "{%- set m = dbt_utils.get_column_values(ref('stg_payments'), 'payment_method') %}\n");
        String out = compileErrors();
        assertTrue(out.contains("features/marts/methods.sql:2:"), out);
        assertTrue(out.contains("error[SF211]: run_query() needs a connection to the target"), out);
    }

    @Test
    void runQueryReadsTheTargetDuringBuildAndCrossDatabaseMacrosRunOnDuckDb() throws Exception {
        Files.writeString(dir.resolve("features/marts/macro_checks.sql"), """
                select
                    {{ dbt_utils.surrogate_key('a', 'b') }} as legacy_key,
                    {{ dbt.safe_cast("'12'", dbt.type_int()) }} as good_int,
                    {{ dbt.split_part("'a-b-c'", "'-'", 2) }} as middle,
                    {{ dbt.last_day("cast('2024-02-10' as date)", 'month') }} as end_of_february,
                    {{ dbt.dateadd('month', 1, "cast('2024-01-31' as date)") }} as month_later,
                    {{ dbt.concat(["'x'", "'y'"]) }} as xy,
                    {{ dbt.hash("'x'") }} as hashed
                from (select null as a, 'b' as b) as t
                """);
        Files.writeString(dir.resolve("features/marts/agg_checks.sql"), """
                select customer_id, {{ dbt.any_value('first_name') }} as any_name,
                    {{ dbt.listagg('last_name', "'/'") }} as last_names
                from {{ ref('stg_customers') }}
                group by customer_id
                """);
        CliRunner.Result seeded = CliRunner.run(dir, "seed");
        assertEquals(0, seeded.code(), seeded.all());
        // as in dbt, get_column_values queries a relation that must exist before the render: seeded above
        Files.writeString(dir.resolve("features/marts/payment_method_counts.sql"), """
                {%- set methods = dbt_utils.get_column_values(ref('raw_payments'), 'payment_method', order_by='payment_method') -%}
                select {% for m in methods %}count(case when payment_method = '{{ m }}' then 1 end) as {{ m }}{% if not loop.last %}, {% endif %}{% endfor %}
                from {{ ref('raw_payments') }}
                """);
        CliRunner.Result r = CliRunner.run(dir, "build");
        assertEquals(0, r.code(), r.all());
        // payments: one bank transfer, one coupon, four card rows (id 6 twice), one gift card
        assertEquals(List.of(List.of(1L, 1L, 4L, 1L)),
                query("select bank_transfer, coupon, credit_card, gift_card from analytics.payment_method_counts"));
        assertEquals(List.of(List.of(md5("-b"), 12, "b", "2024-02-29", "2024-02-29", "xy", md5("x"))),
                query("select legacy_key, good_int, middle,"
                        + " end_of_february::varchar, month_later::date::varchar, xy, hashed from analytics.macro_checks"));
        assertEquals(List.of(List.of(1, "Ann", "Lee"), List.of(2, "Bob", "Ray"), List.of(3, "Cid", "Kay")),
                query("select customer_id::int, any_name, last_names from analytics.agg_checks order by 1"));

        // what run_query read is data, not code: the next build renders again instead of reusing the compile cache
        Files.writeString(dir.resolve("seeds/raw_payments.csv"), "7,5,voucher,100\n", StandardOpenOption.APPEND);
        assertEquals(0, CliRunner.run(dir, "seed").code());
        CliRunner.Result again = CliRunner.run(dir, "build");
        assertEquals(0, again.code(), again.all());
        assertEquals(List.of(List.of(1L, 1L, 4L, 1L, 1L)),
                query("select bank_transfer, coupon, credit_card, gift_card, voucher from analytics.payment_method_counts"));
    }
}
