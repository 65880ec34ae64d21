package io.segflow.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectConfig;
import io.segflow.core.render.RelationResolver;
import io.segflow.core.render.RenderRequest;
import io.segflow.core.render.RenderedSql;
import io.segflow.core.render.TemplateRenderer;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlValidationTest {
    private static final SqlValidation VALIDATION = new SqlValidation(DuckDbFixture.catalog());
    private static final Path FILE = Path.of("features/customer_value.sql");

    private static final TemplateRenderer RENDERER = new TemplateRenderer(
            new Project(Path.of("/tmp/p"), new ProjectConfig("p", "1", "p", List.of(), List.of(), List.of(), List.of(), List.of(),
                    "target", "analytics", "view", Map.of(), 0, null, null),
                    List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), "dev"),
            "dev", "duckdb", Map.of(), new RelationResolver() {
                @Override
                public Optional<RelationName> ref(String featureName) {
                    return Optional.empty();
                }

                @Override
                public Optional<RelationName> source(String source, String table) {
                    return Optional.of(RelationName.of("raw", table));
                }
            }, Map.of());

    private static RenderedSql render(String template) {
        return RENDERER.render(new RenderRequest(FILE, template, RelationName.of("analytics", "customer_value"), false));
    }

    private static String error(String template) {
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> VALIDATION.validate(render(template)));
        return e.diagnostics().stream().map(Diagnostic::format).reduce((a, b) -> a + "\n" + b).orElseThrow();
    }

    @Test
    void unknownColumnIsReportedAtTheTemplatePositionWithClosestNames() {
        assertEquals("features/customer_value.sql:3:9: error[SF302]: unknown column 'amount_usd'\n"
                        + "  hint: did you mean 'amount'?",
                error("{{ config(materialized='table') }}\nselect customer_id,\n    sum(amount_usd) as total\n"
                        + "from {{ source('shop', 'orders') }}\ngroup by 1"));
    }

    @Test
    void aColumnNeitherGroupedNorAggregatedIsAnError() {
        // Babel's conformance accepts this (MySQL's non-strict GROUP BY); DuckDB, Snowflake, BigQuery and PostgreSQL reject it
        assertEquals("features/customer_value.sql:1:8: error[SF304]: Expression 'customer_id' is not being grouped",
                error("select customer_id, sum(amount) as total\nfrom {{ source('shop', 'orders') }}"));
        assertEquals("features/customer_value.sql:1:8: error[SF304]: Expression 'status' is not being grouped",
                error("select status, customer_id, count(*) as n\nfrom {{ source('shop', 'orders') }}\ngroup by customer_id"));
    }

    @Test
    void positionsAfterAnExpandedSourceKeepTheirTemplateColumn() {
        String template = "select 1 from {{ source('shop', 'orders') }} o where o.nme = 1";
        assertEquals("features/customer_value.sql:1:" + (template.indexOf("nme") + 1)
                        + ": error[SF302]: unknown column 'nme' in 'o'\n"
                        + "  hint: available columns: order_id, customer_id, amount, status, ordered_at, order_date",
                error(template));
    }

    @Test
    void unknownTableFunctionAndSyntaxErrors() {
        assertEquals("features/customer_value.sql:2:6: error[SF301]: unknown table 'raw.order'\n"
                        + "  hint: did you mean 'raw.orders'?",
                error("select 1\nfrom \"raw\".\"order\""));
        assertEquals("features/customer_value.sql:1:8: error[SF303]: unknown function or wrong arguments: "
                        + "no_such_fn(<NUMERIC>)\n  hint: docs/sql.md lists the supported functions",
                error("select no_such_fn(amount) from {{ source('shop', 'orders') }}"));
        assertEquals("features/customer_value.sql:1:14: error[SF300]: syntax error: unexpected ', from'",
                error("select amount,\nfrom {{ source('shop', 'orders') }}").lines().findFirst().orElseThrow());
    }

    @Test
    void generatedSqlPositionsAreOffsetFromTheirOrigin() {
        String sql = "select 1 from raw.customers where customer_id in (select customer_id from raw.orders where statu = 'paid')";
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> VALIDATION.validateQuery(
                sql, new SourcePosition(Path.of("segments/vip.yml"), 12, 11)));
        assertEquals("segments/vip.yml:12:" + (11 + sql.indexOf("statu")), e.diagnostics().get(0).position().toString());
    }

    @Test
    void columnsAndLineageThroughCtesJoinsAndAggregates() {
        ValidatedSql v = VALIDATION.validate(render("""
                with paid as (
                  select customer_id, amount, ordered_at from {{ source('shop', 'orders') }} where status = 'paid'
                ), totals as (
                  select customer_id, sum(amount) as total, max(ordered_at) as last_order, count(*) as n from paid group by 1
                )
                select c.customer_id, lower(c.email) as email, t.total, t.last_order, t.n,
                  date_diff('day', t.last_order, current_date) as recency_days, 1 as one
                from {{ source('shop', 'customers') }} c join totals t on t.customer_id = c.customer_id
                """));
        RelationName orders = DuckDbFixture.ORDERS;
        RelationName customers = DuckDbFixture.CUSTOMERS;
        assertEquals(List.of(new ColumnDef("customer_id", "BIGINT", true), new ColumnDef("email", "VARCHAR", true),
                        new ColumnDef("total", "DECIMAL(19,2)", true), new ColumnDef("last_order", "TIMESTAMP", true),
                        new ColumnDef("n", "BIGINT", false), new ColumnDef("recency_days", "BIGINT", true),
                        new ColumnDef("one", "INTEGER", false)),
                v.columns());
        assertEquals(Set.of(new ColumnOrigin(customers, "customer_id")), v.lineage().get("customer_id"));
        assertEquals(Set.of(new ColumnOrigin(customers, "email")), v.lineage().get("email"));
        assertEquals(Set.of(new ColumnOrigin(orders, "amount")), v.lineage().get("total"));
        assertEquals(Set.of(new ColumnOrigin(orders, "ordered_at")), v.lineage().get("recency_days"));
        assertEquals(Set.of(), v.lineage().get("one"));
        assertEquals(Set.of(orders, customers), v.relationsUsed());
    }
}
