package io.segflow.audience.export;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One export: what it covered ({@code since}, null for everything, up to {@code asOf}, the publish time of run
 * {@code runId}), the rows it wrote and where ({@code file} null when there was nothing to write).
 */
public record ExportResult(String export, String audienceSet, String cursor, Instant since, Instant asOf, String runId,
                           long adds, long removes, Path file) {
    public long rows() {
        return adds + removes;
    }
}
