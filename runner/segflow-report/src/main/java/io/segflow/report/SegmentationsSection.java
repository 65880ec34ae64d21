package io.segflow.report;

import io.segflow.core.segment.CompiledSegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The built-in section: one block per segmentation, in the order of their names. */
@SuppressWarnings("unchecked")
public final class SegmentationsSection implements ReportSection {
    @Override
    public String id() {
        return "segmentations";
    }

    @Override
    public String title() {
        return "Segmentations";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Optional<Map<String, Object>> collect(ReportContext context) {
        List<Map<String, Object>> built = new ArrayList<>();
        List<String> notBuilt = new ArrayList<>();
        for (CompiledSegment s : context.project().segments().values().stream()
                .sorted(Comparator.comparing(CompiledSegment::name)).toList()) {
            Optional<Map<String, Object>> data = SegmentationData.read(context, s);
            if (data.isPresent()) built.add(data.get());
            else notBuilt.add(s.name());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("segmentations", built);
        m.put("not_built", notBuilt);
        return Optional.of(m);
    }

    @Override
    public String render(Map<String, Object> data, ReportTemplates templates) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (Map<String, Object> seg : (List<Map<String, Object>>) data.get("segmentations")) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("d", seg);
            v.put("charts", SegmentationCharts.of(seg));
            v.put("groups", groupRows(seg));
            v.put("runs", ((List<Map<String, Object>>) ((Map<String, Object>) seg.get("history")).get("runs")).size());
            v.put("model", modelView((Map<String, Object>) seg.get("model")));
            v.put("population", String.format(Locale.ROOT, "%,d", ((Number) seg.get("population")).longValue()));
            v.put("members", String.format(Locale.ROOT, "%,d", ((Number) seg.get("members")).longValue()));
            v.put("memberships", String.format(Locale.ROOT, "%,d", ((Number) seg.get("group_size_total")).longValue()));
            Object agreement = ((Map<String, Object>) seg.get("last_run")).get("agreement");
            v.put("agreement", agreement instanceof Number a ? String.format(Locale.ROOT,
                    ", agreement with the previous run %.1f%%", a.doubleValue() * 100) : "");
            views.add(v);
        }
        return templates.render("segmentations.html.jinja", Map.of("segs", views, "not_built", data.get("not_built")));
    }

    /** Groups with their figures formatted for the table. */
    private static List<Map<String, Object>> groupRows(Map<String, Object> seg) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> g : (List<Map<String, Object>>) seg.get("groups")) {
            Map<String, Object> row = new LinkedHashMap<>();
            long size = ((Number) g.get("size")).longValue();
            Object previous = g.get("previous");
            row.put("name", g.get("name"));
            row.put("size", String.format(Locale.ROOT, "%,d", size));
            row.put("share", String.format(Locale.ROOT, "%.1f%%", 100 * ((Number) g.get("share")).doubleValue()));
            row.put("change", previous == null ? "" : String.format(Locale.ROOT, "%+,d", size - ((Number) previous).longValue()));
            row.put("small", g.get("below_min_size"));
            row.put("scores", g.get("score_min") == null ? "" : String.format(Locale.ROOT, "%s–%s, mean %s",
                    SegmentationCharts.compactNumber((Double) g.get("score_min")),
                    SegmentationCharts.compactNumber((Double) g.get("score_max")),
                    SegmentationCharts.compactNumber((Double) g.get("score_mean"))));
            out.add(row);
        }
        return out;
    }

    private static Map<String, Object> modelView(Map<String, Object> model) {
        if (model == null) return null;
        Map<String, Object> v = new LinkedHashMap<>(model);
        List<Map<String, String>> metrics = new ArrayList<>();
        ((Map<String, Object>) model.get("metrics")).forEach((k, x) -> metrics.add(Map.of("name", k, "value",
                x instanceof Number n ? SegmentationCharts.compactNumber(n.doubleValue()) : String.valueOf(x))));
        v.put("metric_rows", metrics);
        return v;
    }
}
