package io.segflow.core.segment.rfm;

import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.segment.InputRelation;
import io.segflow.core.segment.SegmentContext;
import io.segflow.core.segment.SegmentPlan;
import io.segflow.core.segment.SegmentType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: rfm}: recency / frequency / monetary scores computed in the warehouse from a transactions
 * relation, combined into score = 100 R + 10 F + M, and named groups by score ranges (first match wins,
 * {@code else} for the rest). See {@link RfmSql} for exactly how bins, ties and edges work.
 */
public final class RfmSegmentType implements SegmentType {
    static final Set<String> KEYS = Set.of("from", "customer", "date", "amount", "analysis_date", "scoring", "bins",
            "preset", "segments", "else");
    static final Set<String> GROUP_KEYS = Set.of("name", "recency", "frequency", "monetary", "remove", "before");
    static final Set<String> BIN_KEYS = Set.of("recency", "frequency", "monetary");

    @Override
    public String name() {
        return "rfm";
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    @Override
    public SegmentPlan plan(SegmentSpec spec, SegmentContext ctx) {
        InputRelation in = ctx.relation(spec, "from").orElse(null);
        if (in == null) return null;
        String customer = ctx.string(spec, "customer", ctx.string(spec, "entity_key",
                in.entityKey() != null ? in.entityKey() : "customer_id"));
        String date = ctx.string(spec, "date", "order_date");
        String amount = ctx.string(spec, "amount", "amount");
        boolean ok = ctx.requireColumn(spec, "customer", in, customer);
        ok &= ctx.requireColumn(spec, "date", in, date) && ctx.requireDateColumn(spec, "date", in, date);
        ok &= ctx.requireColumn(spec, "amount", in, amount);
        String analysisDate = ctx.string(spec, "analysis_date", null);
        if (analysisDate != null) {
            try {
                LocalDate.parse(analysisDate);
            } catch (DateTimeParseException e) {
                ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("analysis_date"),
                        "analysis_date '" + analysisDate + "' is not a date", "write it as YYYY-MM-DD, e.g. 2006-12-31");
                ok = false;
            }
        }
        String scoring = ctx.string(spec, "scoring", "quantile");
        if (!scoring.equals("quantile") && !scoring.equals("ntile")) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("scoring"), "unknown scoring '" + scoring + "'",
                    "use quantile (R rfm package bins: type-7 quantile edges) or ntile (equal-size bins)");
            ok = false;
        }
        RfmSql.Bins[] bins = bins(spec, ctx, scoring);
        if (bins == null) return null;
        List<RfmPresets.Group> groups = groups(spec, ctx, bins);
        if (!ok || groups == null) return null;
        String elseName = spec.body().containsKey("else") ? (spec.body().get("else") == null ? null
                : String.valueOf(spec.body().get("else"))) : "Others";

        String scored = RfmSql.scored(in, customer, date, amount, analysisDate, scoring.equals("quantile"),
                bins[0], bins[1], bins[2]);
        Set<String> names = new LinkedHashSet<>();
        groups.forEach(g -> names.add(g.name()));
        if (elseName != null) names.add(elseName);
        String definition = "scoring=" + scoring + "\nbins=" + List.of(bins) + "\ngroups=" + groups + "\nelse=" + elseName
                + "\nanalysis_date=" + analysisDate;
        return new SegmentPlan(Set.of(in.nodeId()), in.relation(), customer, RfmSql.membership(scored, groups, elseName), null,
                new ArrayList<>(names), false, RfmSql.profile(scored), definition);
    }

    private static RfmSql.Bins[] bins(SegmentSpec spec, SegmentContext ctx, String scoring) {
        Object raw = spec.body().getOrDefault("bins", 5);
        RfmSql.Bins[] out = new RfmSql.Bins[3];
        List<String> dims = List.of("recency", "frequency", "monetary");
        boolean ok = true;
        for (int i = 0; i < 3; i++) {
            Object v = raw;
            String path = "bins";
            if (raw instanceof Map<?, ?> m) {
                if (i == 0) ok &= ctx.checkKeys(spec, "bins", m, BIN_KEYS);
                v = m.containsKey(dims.get(i)) ? m.get(dims.get(i)) : 5;
                path = "bins." + dims.get(i);
            }
            out[i] = oneBins(spec, ctx, path, v, scoring);
            ok &= out[i] != null;
        }
        return ok ? out : null;
    }

    private static RfmSql.Bins oneBins(SegmentSpec spec, SegmentContext ctx, String path, Object v, String scoring) {
        if (v instanceof Number n && n.intValue() >= 1 && n.intValue() <= 20 && n.doubleValue() == n.intValue()) {
            return new RfmSql.Bins(n.intValue(), null);
        }
        if (v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof Number)) {
            List<Double> t = l.stream().map(x -> ((Number) x).doubleValue()).toList();
            boolean increasing = true;
            for (int i = 1; i < t.size(); i++) increasing &= t.get(i) > t.get(i - 1);
            if (increasing && scoring.equals("quantile")) return new RfmSql.Bins(t.size() + 1, t);
        }
        ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf(path), "invalid bins " + v,
                "use a number of bins (1..20), or with scoring: quantile a list of increasing thresholds, e.g. [115, 181, 297, 482]");
        return null;
    }

    /**
     * The groups: a preset (default {@code standard_rfm}), your own {@code segments}, or a preset changed rule by
     * rule: a {@code segments} entry replaces the preset group of the same name in place, adds a new group (at the
     * end, or {@code before:} a named group) or, with {@code remove: true}, drops one.
     */
    private static List<RfmPresets.Group> groups(SegmentSpec spec, SegmentContext ctx, RfmSql.Bins[] bins) {
        Object preset = spec.body().get("preset");
        Object raw = spec.body().get("segments");
        List<RfmPresets.Group> base = null;
        String presetName = preset != null ? String.valueOf(preset) : raw == null ? "standard_rfm" : null;
        if (presetName != null) {
            base = RfmPresets.ALL.get(presetName);
            if (base == null) {
                String hint = io.segflow.core.project.Suggestions.didYouMean(presetName, RfmPresets.ALL.keySet());
                ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("preset"), "unknown RFM preset '"
                        + presetName + "'", hint != null ? hint : "presets: " + String.join(", ", RfmPresets.ALL.keySet()));
                return null;
            }
            if (bins[0].count() != 5 || bins[1].count() != 5 || bins[2].count() != 5) {
                ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("bins"), "preset '" + presetName
                        + "' is defined for 5 bins per score", "use bins: 5 or write your own `segments:`");
                return null;
            }
        }
        if (raw == null) return base;
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            ctx.error(ErrorCode.WRONG_TYPE, spec.positionOf("segments"), "segments must be a list of groups",
                    "write `- {name: Champions, recency: [4, 5], frequency: [4, 5], monetary: [4, 5]}`");
            return null;
        }
        List<RfmPresets.Change> changes = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            String path = "segments." + i;
            if (!(list.get(i) instanceof Map<?, ?> m) || m.get("name") == null) {
                ctx.error(ErrorCode.MISSING_KEY, spec.positionOf(path), "group " + (i + 1) + " needs a name",
                        "write `- {name: Champions, recency: [4, 5], frequency: [4, 5], monetary: [4, 5]}`");
                ok = false;
                continue;
            }
            ok &= ctx.checkKeys(spec, path, m, GROUP_KEYS);
            String name = String.valueOf(m.get("name"));
            if (!names.add(name)) {
                ctx.error(ErrorCode.DUPLICATE_NAME, spec.positionOf(path + ".name"), "group '" + name
                        + "' is defined twice", "give each group its own name");
                ok = false;
            }
            if (m.containsKey("remove") && !(m.get("remove") instanceof Boolean)) {
                ctx.error(ErrorCode.WRONG_TYPE, spec.positionOf(path + ".remove"), "remove must be true or false",
                        "write `- {name: About To Sleep, remove: true}`");
                ok = false;
                continue;
            }
            boolean remove = Boolean.TRUE.equals(m.get("remove"));
            String before = m.get("before") == null ? null : String.valueOf(m.get("before"));
            if (base == null && (m.containsKey("remove") || before != null)) {
                ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf(path + (before != null ? ".before" : ".remove")),
                        "remove and before change a preset's groups, but segment '" + spec.name() + "' has no preset",
                        "add preset: standard_rfm, or list the groups in the order they should match");
                ok = false;
                continue;
            }
            if (remove) {
                changes.add(new RfmPresets.Change(name, null, null, path));
                continue;
            }
            int[] r = range(spec, ctx, path + ".recency", m.get("recency"), bins[0].count());
            int[] f = range(spec, ctx, path + ".frequency", m.get("frequency"), bins[1].count());
            int[] mo = range(spec, ctx, path + ".monetary", m.get("monetary"), bins[2].count());
            if (r == null || f == null || mo == null) {
                ok = false;
                continue;
            }
            changes.add(new RfmPresets.Change(name, new RfmPresets.Group(name, r[0], r[1], f[0], f[1], mo[0], mo[1]),
                    before, path));
        }
        if (!ok) return null;
        if (base == null) return changes.stream().map(RfmPresets.Change::group).toList();
        try {
            return RfmPresets.apply(base, changes);
        } catch (RfmPresets.UnknownGroupException e) {
            String hint = io.segflow.core.project.Suggestions.didYouMean(e.name(), e.known());
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf(e.path()), "preset '" + presetName
                    + "' has no group '" + e.name() + "'", hint != null ? hint : "its groups: " + String.join(", ", e.known()));
            return null;
        }
    }

    /** [lo, hi] inclusive; a single number means [n, n]; missing means any score. */
    private static int[] range(SegmentSpec spec, SegmentContext ctx, String path, Object v, int n) {
        if (v == null) return new int[] {1, n};
        if (v instanceof Number x && x.intValue() >= 1 && x.intValue() <= n) return new int[] {x.intValue(), x.intValue()};
        if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b
                && a.intValue() >= 1 && b.intValue() <= n && a.intValue() <= b.intValue()) {
            return new int[] {a.intValue(), b.intValue()};
        }
        ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf(path), "invalid score range " + v,
                "write a score 1.." + n + " or an inclusive range [lo, hi], e.g. [4, 5]");
        return null;
    }
}
