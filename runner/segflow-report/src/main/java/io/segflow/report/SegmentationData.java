package io.segflow.report;

import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.SegmentReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the report shows about one segmentation, as JSON-friendly maps: its definition, population and
 * coverage (and why shares may not add up to 100%), groups in definition order, history over runs, the last
 * transition matrix, and the type's own figures (RFM grid, model card, CLV distribution).
 */
final class SegmentationData {
    /** Body keys shown as the definition (rules are listed separately). */
    private static final List<String> LEADING = List.of("from", "where", "mode", "else", "algorithm", "features");
    private static final Set<String> HIDDEN = Set.of("name", "type", "description", "tests", "rules", "given", "expect");

    private SegmentationData() {
    }

    static Optional<Map<String, Object>> read(ReportContext ctx, CompiledSegment seg) {
        Optional<SegmentReport> base = SegmentReport.read(ctx.adapter(), seg, ctx.minSegmentSize(), true);
        if (base.isEmpty()) return Optional.empty();
        SegmentReport r = base.get();
        WarehouseReads reads = new WarehouseReads(ctx.adapter(), seg.name());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", seg.name());
        m.put("type", seg.type());
        m.put("description", seg.spec().body().get("description"));
        m.put("definition", definition(seg));
        m.put("rules", rules(seg));
        m.put("multi_membership", seg.plan().multiMembership());
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("run_id", r.lastRunId());
        last.put("at", r.lastRunAt());
        last.put("changed", r.changed());
        last.put("agreement", r.agreement());
        m.put("last_run", last);

        ModelCards.Card card = ModelCards.read(ctx.registry(), seg);
        List<String> order = order(seg, r, card);
        Map<String, Double[]> stats = reads.scoreStats();
        List<Map<String, Object>> groups = new ArrayList<>();
        long sum = 0;
        for (String name : order) {
            SegmentReport.Group g = r.groups().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("name", g.name());
            gm.put("size", g.size());
            gm.put("share", g.share());
            gm.put("previous", g.previous());
            gm.put("below_min_size", g.belowMinSize());
            Double[] s = stats.get(g.name());
            if (s != null && s[1] != null) {
                gm.put("score_min", s[1]);
                gm.put("score_max", s[2]);
                gm.put("score_mean", s[3]);
            }
            groups.add(gm);
            sum += g.size();
        }
        m.put("groups", groups);
        long distinct = reads.distinctMembers();
        m.put("population", r.population());
        m.put("members", distinct);
        m.put("group_size_total", sum);
        m.put("min_size", r.minSize());
        m.put("coverage_notes", coverage(seg, r.population(), distinct, sum));
        m.put("profile", profile(r, order));
        m.put("history", History.of(reads, order));
        m.put("transitions", transitions(r.transitions(), order));
        switch (seg.type()) {
            case "rfm" -> m.put("rfm", TypeFigures.rfmGrid(reads.explanations()));
            case "ltv" -> m.put("ltv", TypeFigures.ltv(reads, order));
            default -> { }
        }
        if (card != null) m.put("model", card.data());
        return Optional.of(m);
    }

    /** Definition order: the declared groups, then the model's own, then any other found in the warehouse. */
    private static List<String> order(CompiledSegment seg, SegmentReport r, ModelCards.Card card) {
        Set<String> names = new LinkedHashSet<>(seg.plan().segmentNames());
        if (card != null) names.addAll(card.groupOrder());
        r.groups().forEach(g -> names.add(g.name()));
        List<String> present = new ArrayList<>();
        for (String n : names) if (r.groups().stream().anyMatch(g -> g.name().equals(n))) present.add(n);
        return present;
    }

    /** The body's keys: input and filter first, then the rest by name (the parsed body does not keep file order). */
    private static List<Map<String, Object>> definition(CompiledSegment seg) {
        List<String> keys = new ArrayList<>(seg.spec().body().keySet());
        keys.sort(java.util.Comparator.comparingInt((String k) -> LEADING.contains(k) ? LEADING.indexOf(k) : LEADING.size())
                .thenComparing(k -> k));
        List<Map<String, Object>> out = new ArrayList<>();
        for (String k : keys) {
            Object v = seg.spec().body().get(k);
            if (!HIDDEN.contains(k) && v != null) out.add(Map.of("key", k, "value", compact(v)));
        }
        return out;
    }

    private static String compact(Object v) {
        if (v instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, x) -> parts.add(k + ": " + compact(x)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(SegmentationData::compact).toList()) + "]";
        }
        return String.valueOf(v).strip();
    }

    private static List<Map<String, Object>> rules(CompiledSegment seg) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (seg.spec().body().get("rules") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> rule) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", String.valueOf(rule.get("name")));
                    m.put("when", rule.get("when") == null ? compact(rule) : String.valueOf(rule.get("when")));
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** Plain sentences explaining how members, groups and the population relate. */
    static List<String> coverage(CompiledSegment seg, long population, long distinct, long groupTotal) {
        List<String> notes = new ArrayList<>();
        Object where = seg.spec().body().get("where");
        long outside = population - distinct;
        if (outside > 0) {
            String why = where != null ? "they are outside the population filter `where: " + where + "` and are not scored"
                    : seg.spec().body().get("rules") != null && seg.spec().body().get("else") == null
                    ? "no rule matched them and the segmentation has no `else` group"
                    : "they could not be scored (e.g. no transactions or missing feature values)";
            notes.add(String.format(Locale.ROOT, "%,d of %,d entities (%.1f%%) are in no group: %s. Shares are of the"
                    + " whole population, so they add up to %.1f%%.", outside, population, 100.0 * outside / population,
                    why, population == 0 ? 0 : 100.0 * groupTotal / population));
        }
        if (seg.plan().multiMembership() && groupTotal > distinct) {
            notes.add(String.format(Locale.ROOT, "An entity may carry several groups (mode: multi): %,d memberships"
                    + " for %,d entities, so shares may add up to more than the members' share.", groupTotal, distinct));
        }
        if (notes.isEmpty()) notes.add(String.format(Locale.ROOT, "Every one of the %,d entities is in exactly one group;"
                + " shares add up to 100%%.", population));
        return notes;
    }

    private static Map<String, Object> profile(SegmentReport r, List<String> order) {
        Set<String> features = new LinkedHashSet<>();
        r.groups().forEach(g -> features.addAll(g.profile().keySet()));
        if (features.isEmpty()) return null;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : order) {
            SegmentReport.Group g = r.groups().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            List<Double> values = new ArrayList<>();
            for (String f : features) values.add(g.profile().get(f));
            rows.add(Map.of("group", name, "size", g.size(), "values", values));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("features", List.copyOf(features));
        m.put("rows", rows);
        return m;
    }

    /** The last run's matrix with rows and columns in definition order; "(none)" is entering / leaving. */
    static Map<String, Object> transitions(Map<String, Map<String, Long>> t, List<String> order) {
        if (t == null || t.isEmpty()) return null;
        List<String> labels = new ArrayList<>(order);
        t.forEach((from, row) -> {
            if (!labels.contains(from)) labels.add(from);
            row.keySet().forEach(to -> { if (!labels.contains(to)) labels.add(to); });
        });
        labels.remove("(none)");
        List<String> from = new ArrayList<>(labels);
        List<String> to = new ArrayList<>(labels);
        if (t.containsKey("(none)")) from.add(0, "(none)");
        if (t.values().stream().anyMatch(row -> row.containsKey("(none)"))) to.add("(none)");
        List<List<Long>> matrix = new ArrayList<>();
        for (String f : from) {
            List<Long> row = new ArrayList<>();
            for (String c : to) row.add(t.getOrDefault(f, Map.of()).getOrDefault(c, 0L));
            matrix.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", to);
        m.put("counts", matrix);
        return m;
    }
}
