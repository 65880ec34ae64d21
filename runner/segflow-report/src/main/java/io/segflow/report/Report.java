package io.segflow.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.segflow.core.compile.AtomicFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Builds the report from its sections and writes it: {@code target/report.html} (what {@code segflow report} always
 * wrote), the same page at {@code target/docs/report/index.html} for the docs site, and the data behind it as
 * {@code target/report.json}.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The page and its data. */
    public record Built(String html, Map<String, Object> data, int segmentations, List<String> notBuilt) {
    }

    private Report() {
    }

    /** The built-in segmentations section plus every section on the class path. */
    public static List<ReportSection> sections() {
        List<ReportSection> out = new ArrayList<>();
        out.add(new SegmentationsSection());
        ServiceLoader.load(ReportSection.class).forEach(s -> {
            if (!(s instanceof SegmentationsSection)) out.add(s);
        });
        out.sort(Comparator.comparingInt(ReportSection::order).thenComparing(ReportSection::id));
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Built build(ReportContext context, List<ReportSection> sections) {
        ReportTemplates templates = new ReportTemplates();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("project", context.project().project().config().name());
        data.put("generated_at", Instant.now().toString());
        List<Map<String, Object>> parts = new ArrayList<>();
        List<Map<String, Object>> nav = new ArrayList<>();
        int segmentations = 0;
        List<String> notBuilt = List.of();
        for (ReportSection s : sections) {
            Optional<Map<String, Object>> d = s.collect(context);
            if (d.isEmpty()) continue;
            data.put(s.id(), d.get());
            parts.add(Map.of("id", s.id(), "title", s.title(), "html", s.render(d.get(), templates)));
            if (s instanceof SegmentationsSection) {
                List<Map<String, Object>> segs = (List<Map<String, Object>>) d.get().get("segmentations");
                segmentations = segs.size();
                notBuilt = (List<String>) d.get().get("not_built");
                segs.forEach(x -> nav.add(Map.of("id", "seg-" + x.get("name"), "title", x.get("name"), "type", x.get("type"))));
            } else {
                nav.add(Map.of("id", s.id(), "title", s.title(), "type", "section"));
            }
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("project", data.get("project"));
        page.put("generated_at", data.get("generated_at"));
        page.put("sections", parts);
        page.put("nav", nav);
        return new Built(templates.render("report.html.jinja", page), data, segmentations, notBuilt);
    }

    /** Writes report.html (or {@code htmlFile}), docs/report/index.html and report.json under {@code targetDir}. */
    public static List<Path> write(Path targetDir, Path htmlFile, Built built) {
        Path html = htmlFile != null ? htmlFile : targetDir.resolve("report.html");
        Path docs = targetDir.resolve("docs").resolve("report").resolve("index.html");
        Path json = targetDir.resolve("report.json");
        AtomicFile.write(html, built.html());
        AtomicFile.write(docs, built.html());
        try {
            AtomicFile.write(json, JSON.writeValueAsString(built.data()) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(html, docs, json);
    }
}
