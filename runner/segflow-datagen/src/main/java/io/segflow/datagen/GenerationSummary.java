package io.segflow.datagen;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@link ExampleDataGenerator#generate} wrote: rows per table (in load order) and the wall time taken. */
public record GenerationSummary(Map<String, Long> rowCounts, Duration elapsed) {
    public GenerationSummary {
        rowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
    }

    /** Rows written to {@code table}, or 0 when it was not generated. */
    public long rows(String table) {
        return rowCounts.getOrDefault(table, 0L);
    }

    public long totalRows() {
        return rowCounts.values().stream().mapToLong(Long::longValue).sum();
    }
}
