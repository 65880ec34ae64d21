package io.segflow.core.sql;

import io.segflow.core.diagnostic.*;
import io.segflow.spi.*;
import java.nio.file.Path;
import java.util.List;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.junit.jupiter.api.Test;

class SqlProbeTest {
    @Test
    void probe() {
        SqlCatalog cat = new SqlCatalog();
        cat.add(RelationName.of("raw", "orders"), List.of(ColumnDef.of("order_id", "BIGINT"), ColumnDef.of("customer_id", "BIGINT"),
                ColumnDef.of("amount", "DECIMAL(12,2)"), ColumnDef.of("status", "VARCHAR"), ColumnDef.of("ordered_at", "TIMESTAMP"), ColumnDef.of("order_date", "DATE")));
        cat.add(RelationName.of("raw", "customers"), List.of(ColumnDef.of("customer_id", "BIGINT"), ColumnDef.of("email", "VARCHAR"), ColumnDef.of("signup_date", "DATE")));
        SqlValidation v = new SqlValidation(cat);
        String[] qs = {
          "with o as (select customer_id, sum(amount) as total, count(distinct order_id) as n from \"raw\".\"orders\" group by 1)\nselect c.customer_id, c.email, o.total, ntile(4) over (order by o.total) as q from \"raw\".\"customers\" c left join o on o.customer_id = c.customer_id qualify row_number() over (partition by c.customer_id order by o.total desc) = 1",
          "select customer_id, amount::double as a, cast(amount as integer) as b, date '2024-01-01' as d, ordered_at - interval '30' day as t, case when status = 'paid' then 'yes' else 'no-really' end as s, coalesce(status, 'x') as s2 from raw.orders",
          "select customer_id, count(*) filter (where status = 'paid') as paid, date_diff('day', min(order_date), current_date) as age, date_trunc('month', max(ordered_at)) as m, lower(max(status)) || upper('x') as l, concat('a', max(status)) as cc, length(max(status)) as len, least(1, 2) as le, greatest(max(amount), 0) as g, regexp_matches(max(status), 'p.*') as rm, percentile_cont(0.5) within group (order by amount) as med from raw.orders group by customer_id",
          "select customer_id, amount, sum(amount) over (partition by customer_id order by ordered_at rows between unbounded preceding and current row) as running from raw.orders where order_date >= current_date - interval '90' day",
          "select median(amount) as m, count_if(status = 'paid') as c, string_agg(status, ',') as sa from raw.orders",
          "select extract(year from order_date) as y, date_part('dow', ordered_at) as dow from raw.orders",
        };
        for (String q : qs) {
            try {
                ValidatedSql r = v.validateQuery(q, new SourcePosition(Path.of("x.sql"), 1, 1));
                System.out.println("COLS " + r.columns());
                System.out.println("LIN " + r.lineage());
                System.out.println("USED " + r.relationsUsed());
                System.out.println("DUCK " + DialectCompiler.compile(r, DuckDBSqlDialect.DEFAULT));
            } catch (DiagnosticException e) {
                System.out.println("DIAG " + e.getMessage());
            } catch (Throwable t) { t.printStackTrace(System.out); }
            System.out.println("------");
        }
    }
}
