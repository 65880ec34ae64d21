package io.segflow.report;

import java.util.Map;
import java.util.Optional;

/**
 * One part of the report, found through {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.segflow.report.ReportSection}). The built-in part is {@link SegmentationsSection};
 * experiment readouts and the audience overlap matrix plug in here without touching the report: {@link #collect}
 * returns the data written to {@code report.json} under {@link #id()}, {@link #render} the HTML fragment (use
 * {@link ReportTemplates} for Jinjava templates and {@code io.segflow.report.svg} for charts; keep fragments within
 * the 1280 px layout: no fixed widths, long names cut with a title tooltip).
 */
public interface ReportSection {
    /** The anchor and the key in report.json, e.g. "experiments" or "audience_overlap". */
    String id();

    /** The heading in the page and its navigation. */
    String title();

    /** Sections are shown by ascending order; segmentations are 100. */
    default int order() {
        return 500;
    }

    /** JSON-friendly data (maps, lists, strings, numbers), or empty when the project has nothing to show. */
    Optional<Map<String, Object>> collect(ReportContext context);

    /** The HTML fragment of the collected data (already escaped). */
    String render(Map<String, Object> data, ReportTemplates templates);
}
