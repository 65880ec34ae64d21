package io.segflow.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zetasql.Analyzer;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.sql.SqlFlavor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every SQL fragment of BigQuery's flavor is analysed by ZetaSQL in the statement shape the engine builds. */
class BigQueryFlavorTest {
    private final SqlFlavor f = BigQueryFlavor.INSTANCE;

    @Test
    void quotesIdentifiersAsCalcitesBigQueryDialectDoes() {
        for (int twice = 0; twice < 2; twice++) {
            for (String name : List.of("customer_id", "Customer", "select", "SELECT", "order", "2fast", "with space",
                    "dash-ed", "_x", "a1", "current_date", "MERGE", "row", "x$y", "")) {
                assertEquals(org.apache.calcite.sql.dialect.BigQuerySqlDialect.DEFAULT.quoteIdentifier(name),
                        f.unparseDialect().quoteIdentifier(name), name);
            }
        }
    }

    @Test
    void everyFragmentIsValidGoogleSql() {
        ZetaSqlCatalog catalog = new ZetaSqlCatalog();
        RelationName table = RelationName.of("analytics", "orders");
        catalog.add(table, List.of(ColumnDef.of("customer_id", "BIGINT"), ColumnDef.of("amount", "DOUBLE"),
                ColumnDef.of("ordered_on", "DATE")));
        String from = " FROM " + new BigQueryStatements(ZetaSqlCatalog.PROJECT).render(table);
        String amount = f.nanToNull(f.toDouble(f.quote("amount")));
        List<String> statements = List.of(
                "SELECT " + amount + " AS a" + from + " ORDER BY " + f.seededHash("customer_id", 7)
                        + ", customer_id LIMIT 10",
                "SELECT " + f.median(amount) + " AS m" + from,
                "SELECT " + f.hashBucket("it's-2024", "customer_id", 10000) + " AS b" + from,
                "SELECT " + f.daysBetween("MIN(ordered_on)", "MAX(ordered_on)") + " AS d" + from,
                "SELECT CAST(NULL AS " + f.stringType() + ") AS s, CAST(NULL AS " + f.float64Type()
                        + ") AS d, CAST(NULL AS " + f.int64Type() + ") AS i, CAST(NULL AS " + f.booleanType()
                        + ") AS b, CAST(NULL AS " + f.timestampType() + ") AS t, " + f.membershipUpdatedAtTemplate()
                        + " AS u",
                "SELECT " + f.stringLiteral("it's a \\d\nnext") + " AS s, "
                        + f.timestampLiteral(Instant.parse("2024-12-31T06:00:00Z")) + " AS t");
        List<String> failures = new ArrayList<>();
        for (String sql : statements) {
            try {
                Analyzer.analyzeStatement(sql, catalog.options, catalog.root);
            } catch (RuntimeException e) {
                failures.add(e.getMessage() + "\n" + sql);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    }

    @Test
    void factoryProvidesTheFlavorAndCompileFindsItByDialect() {
        BigQueryAdapterFactory factory = new BigQueryAdapterFactory();
        assertEquals(f, factory.flavor());
        assertEquals(f.dialect(), factory.dialect());
        assertEquals("`a b`", f.quote("a b"));
    }
}
