package io.segflow.audience.export;

import java.nio.file.Path;

/**
 * What {@code segflow export} was asked: {@code audience} is an audience set, {@code set.audience}, or an audience
 * name unique across sets; {@code export} names one of the set's exports (null: its only one); {@code sinceLast}
 * writes the adds and removes since the export's cursor, else the whole current membership as adds;
 * {@code format} and {@code outDir} override the export's own (null: keep).
 */
public record ExportRequest(String audience, String export, boolean sinceLast, String format, Path outDir) {
}
