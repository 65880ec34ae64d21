package io.segflow.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Compiled DuckDB SQL runs on a real DuckDB and returns the same rows as the SQL the user wrote. */
class DuckDbCompileTest {
    private static DuckDbFixture duck;
    private static final SqlValidation VALIDATION = new SqlValidation(DuckDbFixture.catalog());

    @BeforeAll
    static void open() throws Exception {
        duck = new DuckDbFixture();
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    static Stream<String> queries() {
        return Stream.of(
                // CTE + join + aggregate + window + QUALIFY
                """
                with totals as (
                  select customer_id, sum(amount) as total, count(distinct order_id) as n_orders
                  from raw.orders where status = 'paid' group by 1
                )
                select c.customer_id, c.email, t.total, ntile(2) over (order by t.total, c.customer_id) as half
                from raw.customers c left join totals t on t.customer_id = c.customer_id
                qualify row_number() over (partition by c.country order by t.total desc nulls last, c.customer_id) = 1
                order by c.customer_id
                """,
                // casts, literals, CASE with strings of different length, COALESCE
                """
                select order_id, amount::double as a, cast(amount as integer) as b, date '2024-01-01' as d,
                  ordered_at - interval '30' day as t,
                  case when status = 'paid' then 'yes' when status = 'refunded' then 'refunded!' else 'no' end as s,
                  coalesce(status, 'x') as s2
                from raw.orders order by order_id
                """,
                // FILTER, DuckDB date functions, string functions, LEAST/GREATEST
                """
                select customer_id,
                  count(*) filter (where status = 'paid') as paid,
                  date_diff('day', min(order_date), date '2024-04-01') as age_days,
                  date_trunc('month', max(ordered_at)) as last_month,
                  lower(max(status)) || upper('x') as l,
                  concat('a', max(status)) as cc,
                  length(max(status)) as len,
                  least(count(*), 2) as capped,
                  greatest(max(amount), 100) as g,
                  regexp_matches(max(status), 'p.*') as rm
                from raw.orders group by customer_id order by customer_id
                """,
                // running window frame and interval arithmetic on dates
                """
                select customer_id, order_id, amount,
                  sum(amount) over (partition by customer_id order by ordered_at rows between unbounded preceding and current row) as running,
                  lag(amount) over (partition by customer_id order by ordered_at) as previous
                from raw.orders where order_date >= date '2024-04-01' - interval '90' day
                order by customer_id, order_id
                """,
                // DuckDB aggregates, percentile_cont, extract/date_part
                """
                select median(amount) as m, count_if(status = 'paid') as c, length(string_agg(status, ',')) as sa_len,
                  percentile_cont(0.5) within group (order by amount) as p50,
                  extract(year from min(order_date)) as y, date_part('dow', min(ordered_at)) as dow
                from raw.orders
                """,
                // subquery, IN, EXISTS, HAVING, date_diff with CURRENT_DATE
                """
                select c.customer_id, count(*) as n, date_diff('day', max(o.order_date), current_date) > 0 as in_past
                from raw.customers c join raw.orders o on o.customer_id = c.customer_id
                where c.customer_id in (select customer_id from raw.orders where amount > 50)
                  and exists (select 1 from raw.orders o2 where o2.customer_id = c.customer_id)
                group by c.customer_id having count(*) >= 2 order by 1
                """);
    }

    @ParameterizedTest
    @MethodSource("queries")
    void compiledDuckDbSqlReturnsTheSameRows(String sql) throws Exception {
        ValidatedSql validated = VALIDATION.validateQuery(sql, new SourcePosition(Path.of("q.sql"), 1, 1));
        String compiled = DialectCompiler.compile(validated, DuckDBSqlDialect.DEFAULT);
        List<String> expected = duck.rows(sql);
        assertFalse(expected.isEmpty(), "fixture query returns rows");
        assertEquals(expected, duck.rows(compiled), "compiled:\n" + compiled);
    }
}
