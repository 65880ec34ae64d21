package io.segflow.core.sql;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.util.Locale;

/**
 * The largest statement segflow parses and validates. Calcite keeps a node per literal and derives a type for
 * every IN-list item: compile time grows linearly, about 10 s per MB on a busy 2-core machine (a 2 MB IN list took
 * 31 s and 0.9 GB, a 50 MB one minutes and 6.5 GB). Long value lists belong in a seed (or a source table) joined to
 * the query, which every warehouse also handles better than a huge statement.
 */
public final class StatementSize {
    /** Characters; generous for hand-written and macro-generated SQL. */
    public static final int MAX_CHARS = 1024 * 1024;

    private StatementSize() {
    }

    public static void check(long chars, SourcePosition where) {
        if (chars <= MAX_CHARS) return;
        throw new DiagnosticException(Diagnostic.error(ErrorCode.SQL_VALIDATION, where,
                String.format(Locale.ROOT, "statement too large: %.1f MB (segflow compiles statements up to %d MB)",
                        chars / 1048576.0, MAX_CHARS / 1048576),
                "put long value lists in a seed (seeds/*.csv) and join or semi-join it instead of IN (...)"));
    }
}
