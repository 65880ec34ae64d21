package io.segflow.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.experiment.AssignmentTables;
import io.segflow.experiment.Experiment;
import io.segflow.experiment.ExperimentDefinitions;
import io.segflow.experiment.SampleRatio;
import io.segflow.report.svg.Intervals;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Experiments (experiments/*.yml): the definition, the arm counts of the published assignments with the
 * sample-ratio check (as `segflow experiment check` computes it, per stratum), and the latest readout as written by
 * `segflow experiment readout` to target/experiments/NAME.json (the JSON carries the CUPED flag the table lacks).
 */
@SuppressWarnings("unchecked")
public final class ExperimentsSection implements ReportSection {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "experiments";
    }

    @Override
    public String title() {
        return "Experiments";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public Optional<Map<String, Object>> collect(ReportContext context) {
        ExperimentDefinitions.Definitions defs = ExperimentDefinitions.of(context.project());
        if (defs.experiments().isEmpty()) return Optional.empty();
        List<Map<String, Object>> out = new ArrayList<>();
        Path dir = context.project().project().targetDir().resolve("experiments");
        for (Experiment e : defs.experiments()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("description", e.spec().body().get("description"));
            m.put("segment", e.segmentation());
            m.put("groups", e.groups());
            m.put("arms", e.arms());
            m.put("control", e.control());
            m.put("global_holdout", defs.holdout() == null ? null : defs.holdout().share());
            m.put("start", e.start() == null ? null : e.start().toString());
            m.put("stop", e.stop() == null ? null : e.stop().toString());
            m.put("outcome", e.outcome() == null ? null : Map.of("type", e.outcome().rate() ? "rate" : "value",
                    "window_days", e.outcome().windowDays()));
            m.put("assignment", assignment(context.adapter(), e));
            m.put("readout", readout(dir.resolve(e.name() + ".json")));
            m.put("readout_command", "segflow experiment readout " + e.name() + " --as-of YYYY-MM-DD"
                    + (e.outcome() != null && e.outcome().prePeriodDays() != null ? " --cuped" : ""));
            out.add(m);
        }
        return Optional.of(Map.of("experiments", out));
    }

    /** Arm counts of the published assignments and their SRM check; null before the first `experiment assign`. */
    private static Map<String, Object> assignment(WarehouseAdapter adapter, Experiment e) {
        AssignmentTables t = AssignmentTables.of(e.name());
        if (adapter.describe(t.assignments()).isEmpty()) return null;
        Map<String, Map<String, Long>> byStratum = new TreeMap<>();
        Map<String, Long> all = new LinkedHashMap<>();
        String cols = adapter.quote("arm") + ", " + adapter.quote("stratum");
        try (RowStream rows = adapter.query("select " + cols + ", count(*) from " + adapter.render(t.assignments())
                + " group by " + cols)) {
            while (rows.hasNext()) {
                Object[] r = rows.next();
                long n = ((Number) r[2]).longValue();
                byStratum.computeIfAbsent(String.valueOf(r[1]), k -> new LinkedHashMap<>()).merge(String.valueOf(r[0]), n, Long::sum);
                all.merge(String.valueOf(r[0]), n, Long::sum);
            }
        }
        SampleRatio.Result srm = SampleRatio.check(e.arms(), byStratum, e.srmThreshold());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counts", srm.counts());
        m.put("global_holdout", all.getOrDefault(Experiment.HOLDOUT_ARM, 0L));
        m.put("srm_p_value", Double.isFinite(srm.pValue()) ? srm.pValue() : null);
        m.put("strata_p_values", srm.strata());
        m.put("srm_threshold", srm.threshold());
        m.put("srm_mismatch", srm.mismatch());
        return m;
    }

    private static Map<String, Object> readout(Path file) {
        if (!Files.isRegularFile(file)) return null;
        try {
            return JSON.readValue(file.toFile(), LinkedHashMap.class);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public String render(Map<String, Object> data, ReportTemplates templates) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) data.get("experiments")) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("d", e);
            List<Map<String, String>> arms = new ArrayList<>();
            Map<String, Object> a = (Map<String, Object>) e.get("assignment");
            ((Map<String, Number>) e.get("arms")).forEach((arm, share) -> arms.add(Map.of("arm", arm,
                    "share", pct(share.doubleValue(), 1), "n", a == null ? "" : count(((Map<String, Object>) a.get("counts")).get(arm)))));
            v.put("arms", arms);
            if (a != null) {
                v.put("holdout_n", count(a.get("global_holdout")));
                v.put("srm_p", p(a.get("srm_p_value")));
                v.put("srm_status", Boolean.TRUE.equals(a.get("srm_mismatch")) ? "mismatch (blocking)" : "ok");
            }
            Map<String, Object> r = (Map<String, Object>) e.get("readout");
            if (r != null) readoutView(r, v);
            views.add(v);
        }
        return templates.render("experiments.html.jinja", Map.of("exps", views));
    }

    private static void readoutView(Map<String, Object> r, Map<String, Object> v) {
        boolean rate = "rate".equals(r.get("outcome"));
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Intervals.Row> abs = new ArrayList<>();
        List<Intervals.Row> rel = new ArrayList<>();
        for (Map<String, Object> arm : (List<Map<String, Object>>) r.get("arms")) {
            boolean control = Boolean.TRUE.equals(arm.get("control"));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("arm", arm.get("arm"));
            row.put("control", control);
            row.put("n", count(arm.get("n")));
            row.put("mean", arm.get("mean") == null ? "" : rate ? pct(((Number) arm.get("mean")).doubleValue(), 2)
                    : num(arm.get("mean")));
            row.put("abs", control ? "" : withCi(arm.get("abs_uplift"), arm.get("abs_ci"), rate));
            row.put("rel", control ? "" : withCi(arm.get("rel_uplift"), arm.get("rel_ci"), true));
            row.put("p", control ? "" : p(arm.get("p_value")));
            row.put("test", control ? "" : String.valueOf(arm.get("test")));
            rows.add(row);
            if (!control && arm.get("abs_uplift") != null) {
                abs.add(interval(String.valueOf(arm.get("arm")), arm.get("abs_uplift"), arm.get("abs_ci")));
            }
            if (!control && arm.get("rel_uplift") != null) {
                rel.add(interval(String.valueOf(arm.get("arm")), arm.get("rel_uplift"), arm.get("rel_ci")));
            }
        }
        v.put("readout_rows", rows);
        if (!abs.isEmpty()) {
            v.put("abs_chart", Intervals.render(abs, x -> rate ? String.format(Locale.ROOT, "%+.2f pp", 100 * x)
                    : SegmentationCharts.compactNumber(x), "absolute uplift with 95% confidence interval"));
        }
        if (!rel.isEmpty()) {
            v.put("rel_chart", Intervals.render(rel, x -> String.format(Locale.ROOT, "%+.1f%%", 100 * x),
                    "relative uplift with 95% confidence interval"));
        }
    }

    private static Intervals.Row interval(String label, Object estimate, Object ci) {
        List<Number> b = (List<Number>) ci;
        return new Intervals.Row(label, ((Number) estimate).doubleValue(), b == null ? null : b.get(0).doubleValue(),
                b == null ? null : b.get(1).doubleValue());
    }

    /** "+1.23 pp [-0.40, +2.86]" for rates (percentage points), plain numbers for values, percent for relative. */
    static String withCi(Object estimate, Object ci, boolean percent) {
        if (estimate == null) return "";
        List<Number> b = (List<Number>) ci;
        java.util.function.DoubleFunction<String> f = percent ? x -> String.format(Locale.ROOT, "%+.2f%%", 100 * x)
                : x -> String.format(Locale.ROOT, "%+.4g", x);
        String s = f.apply(((Number) estimate).doubleValue());
        return b == null ? s : s + " [" + f.apply(b.get(0).doubleValue()) + ", " + f.apply(b.get(1).doubleValue()) + "]";
    }

    static String p(Object v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.4g", ((Number) v).doubleValue());
    }

    private static String pct(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * v);
    }

    private static String num(Object v) {
        return String.format(Locale.ROOT, "%.4g", ((Number) v).doubleValue());
    }

    private static String count(Object v) {
        return v == null ? "0" : String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
    }
}
