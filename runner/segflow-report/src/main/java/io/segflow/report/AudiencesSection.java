package io.segflow.report;

import io.segflow.audience.AudienceSet;
import io.segflow.audience.AudienceSetType;
import io.segflow.audience.overlap.OverlapOutputs;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.report.svg.Heatmap;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Audience sets (priority with sizes and caps, suppression lists) and the overlap matrix of all segment groups from
 * {@code audiences.segment_overlap} (the last run's). The matrix shows at most {@link #MAX_GROUPS} groups, the
 * largest, so its cells stay readable within the 1280 px page; report.json keeps every pair.
 */
@SuppressWarnings("unchecked")
public final class AudiencesSection implements ReportSection {
    static final int MAX_GROUPS = 24;

    @Override
    public String id() {
        return "audiences";
    }

    @Override
    public String title() {
        return "Audiences and overlap";
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public Optional<Map<String, Object>> collect(ReportContext context) {
        List<Map<String, Object>> sets = new ArrayList<>();
        for (CompiledSegment s : context.project().segments().values().stream()
                .filter(s -> s.type().equals(AudienceSetType.NAME)).sorted(Comparator.comparing(CompiledSegment::name)).toList()) {
            sets.add(set(context.adapter(), s));
        }
        Map<String, Object> overlap = overlap(context);
        if (sets.isEmpty() && overlap == null) return Optional.empty();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("audience_sets", sets);
        m.put("overlap", overlap);
        return Optional.of(m);
    }

    private static Map<String, Object> set(WarehouseAdapter adapter, CompiledSegment s) {
        AudienceSet set = AudienceSet.of(s.spec());
        Map<String, Long> sizes = groupSizes(adapter, s.name());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("description", s.spec().body().get("description"));
        m.put("built", sizes != null);
        List<Map<String, Object>> priority = new ArrayList<>();
        for (int i = 0; i < set.priority().size(); i++) {
            AudienceSet.Audience a = set.priority().get(i);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("priority", i + 1);
            p.put("audience", a.name());
            p.put("include", a.include());
            p.put("cap", a.cap());
            p.put("members", sizes == null ? null : sizes.getOrDefault(a.name(), 0L));
            priority.add(p);
        }
        m.put("priority", priority);
        List<Map<String, Object>> suppress = new ArrayList<>();
        for (AudienceSet.Suppression x : set.suppress()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", x.name());
            p.put("source", x.segments() != null ? x.segments().entrySet().stream()
                    .map(e -> e.getKey() + ": " + String.join(", ", e.getValue())).collect(Collectors.joining("; "))
                    : x.from() + (x.where() == null ? "" : " where " + x.where()));
            suppress.add(p);
        }
        m.put("suppress", suppress);
        return m;
    }

    /** Members per audience of a built set, or null when the set has no members table on this target. */
    private static Map<String, Long> groupSizes(WarehouseAdapter adapter, String set) {
        MembershipTables t = new MembershipTables(MembershipTables.DEFAULT_SCHEMA, set);
        if (adapter.describe(t.members()).isEmpty()) return null;
        Map<String, Long> out = new HashMap<>();
        String seg = adapter.quote("segment");
        try (RowStream rows = adapter.query("select " + seg + ", count(*) from " + adapter.render(t.members())
                + " group by " + seg)) {
            while (rows.hasNext()) {
                Object[] r = rows.next();
                out.put(String.valueOf(r[0]), ((Number) r[1]).longValue());
            }
        }
        return out;
    }

    /** Groups (segmentation name, then definition order) and every pair of the last overlap run, or null. */
    private static Map<String, Object> overlap(ReportContext context) {
        WarehouseAdapter adapter = context.adapter();
        if (adapter.describe(OverlapOutputs.table()).isEmpty()) return null;
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        List<Map<String, Object>> pairs = new ArrayList<>();
        String runId = null;
        String cols = String.join(", ", List.of("run_id", "segmentation_a", "group_a", "segmentation_b", "group_b",
                "size_a", "intersection", "union_size", "jaccard").stream().map(adapter::quote).toList());
        try (RowStream rows = adapter.query("select " + cols + " from " + adapter.render(OverlapOutputs.table()))) {
            while (rows.hasNext()) {
                Object[] r = rows.next();
                runId = String.valueOf(r[0]);
                String a = r[1] + "." + r[2];
                groups.computeIfAbsent(a, k -> Map.of("segmentation", String.valueOf(r[1]), "group", String.valueOf(r[2]),
                        "size", ((Number) r[5]).longValue()));
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("a", a);
                p.put("b", r[3] + "." + r[4]);
                p.put("intersection", ((Number) r[6]).longValue());
                p.put("union", ((Number) r[7]).longValue());
                p.put("jaccard", ((Number) r[8]).doubleValue());
                pairs.add(p);
            }
        }
        List<Map<String, Object>> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.comparing((Map<String, Object> g) -> (String) g.get("segmentation"))
                .thenComparingInt(g -> definitionIndex(context, g)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("groups", ordered);
        m.put("pairs", pairs);
        return m;
    }

    private static int definitionIndex(ReportContext context, Map<String, Object> g) {
        CompiledSegment s = context.project().segments().get((String) g.get("segmentation"));
        int i = s == null ? -1 : s.plan().segmentNames().indexOf((String) g.get("group"));
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    @Override
    public String render(Map<String, Object> data, ReportTemplates templates) {
        Map<String, Object> b = new LinkedHashMap<>();
        List<Map<String, Object>> sets = new ArrayList<>();
        for (Map<String, Object> set : (List<Map<String, Object>>) data.get("audience_sets")) {
            Map<String, Object> v = new LinkedHashMap<>(set);
            v.put("priority", ((List<Map<String, Object>>) set.get("priority")).stream().map(p -> {
                Map<String, Object> row = new LinkedHashMap<>(p);
                row.put("members_text", p.get("members") == null ? "—"
                        : String.format(Locale.ROOT, "%,d", ((Number) p.get("members")).longValue()));
                return row;
            }).toList());
            sets.add(v);
        }
        b.put("sets", sets);
        Map<String, Object> overlap = (Map<String, Object>) data.get("overlap");
        if (overlap != null) {
            List<Map<String, Object>> groups = (List<Map<String, Object>>) overlap.get("groups");
            List<Map<String, Object>> shown = groups;
            if (groups.size() > MAX_GROUPS) {
                List<Map<String, Object>> largest = groups.stream().sorted(Comparator.comparingLong(
                        (Map<String, Object> g) -> ((Number) g.get("size")).longValue()).reversed()).limit(MAX_GROUPS).toList();
                shown = groups.stream().filter(largest::contains).toList();
                b.put("overlap_note", String.format(Locale.ROOT, "The %d largest of %d groups are shown; report.json"
                        + " (key audiences.overlap) has every pair.", MAX_GROUPS, groups.size()));
            }
            b.put("overlap_chart", heatmap(shown, (List<Map<String, Object>>) overlap.get("pairs")));
            b.put("overlap_run", overlap.get("run_id"));
        }
        return templates.render("audiences.html.jinja", b);
    }

    /** An entity count as shown in a cell: whole, "12k" from ten thousand on (cells are narrow). */
    static String count(double v) {
        return v >= 1e4 ? SegmentationCharts.compactNumber(v) : String.format(Locale.ROOT, "%.0f", v);
    }

    /** Counts in the cells, shading by Jaccard (the diagonal is 1: a group with itself). */
    private static String heatmap(List<Map<String, Object>> groups, List<Map<String, Object>> pairs) {
        List<String> names = groups.stream().map(g -> g.get("segmentation") + "." + g.get("group")).toList();
        Map<String, Map<String, Object>> byPair = new HashMap<>();
        pairs.forEach(p -> byPair.put(p.get("a") + "\u0000" + p.get("b"), p));
        int n = names.size();
        Double[][] counts = new Double[n][n];
        Double[][] jaccard = new Double[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                Map<String, Object> p = byPair.get(names.get(r) + "\u0000" + names.get(c));
                if (p == null) continue;
                counts[r][c] = ((Number) p.get("intersection")).doubleValue();
                jaccard[r][c] = ((Number) p.get("jaccard")).doubleValue();
            }
        }
        return Heatmap.render(names, names, jaccard, AudiencesSection::count, counts, Heatmap.Scale.SEQUENTIAL, 1,
                "group", "with", "overlap of segment groups: entities in both, shaded by Jaccard index");
    }
}
