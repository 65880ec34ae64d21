package io.segflow.bigquery;

import io.segflow.spi.sql.BoundedMemo;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;

/**
 * Calcite's BigQuery dialect, remembering which identifiers need quotes: Calcite decides with a regular expression
 * and an upper-cased keyword lookup for every identifier of every statement, and a compile prints the same few
 * hundred names thousands of times.
 */
final class BigQueryUnparseDialect extends BigQuerySqlDialect {
    static final BigQueryUnparseDialect INSTANCE = new BigQueryUnparseDialect();

    private final BoundedMemo<String, Boolean> needsQuote = new BoundedMemo<>(50_000);

    private BigQueryUnparseDialect() {
        super(BigQuerySqlDialect.DEFAULT_CONTEXT);
    }

    @Override
    protected boolean identifierNeedsQuote(String val) {
        return needsQuote.get(val, super::identifierNeedsQuote);
    }
}
