package io.segflow.bigquery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;

/**
 * Calcite's BigQuery dialect, remembering which identifiers need quotes: Calcite decides with a regular expression
 * and an upper-cased keyword lookup for every identifier of every statement, and a compile prints the same few
 * hundred names thousands of times.
 */
final class BigQueryUnparseDialect extends BigQuerySqlDialect {
    static final BigQueryUnparseDialect INSTANCE = new BigQueryUnparseDialect();

    /** Bounds the memory a long-lived process spends on names: past it the answers are forgotten and found again. */
    private static final int MAX_ENTRIES = 50_000;

    private final Map<String, Boolean> needsQuote = new ConcurrentHashMap<>();

    private BigQueryUnparseDialect() {
        super(BigQuerySqlDialect.DEFAULT_CONTEXT);
    }

    @Override
    protected boolean identifierNeedsQuote(String val) {
        Boolean known = needsQuote.get(val);
        if (known == null) {
            known = super.identifierNeedsQuote(val);
            if (needsQuote.size() >= MAX_ENTRIES) needsQuote.clear();
            needsQuote.put(val, known);
        }
        return known;
    }
}
