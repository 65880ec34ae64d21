package io.segflow.experiment;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.ExperimentSpec;
import io.segflow.core.project.Suggestions;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.spi.ColumnDef;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives experiments/*.yml meaning: checks what the schema cannot (shares, dates, the targeted segmentation and
 * groups, the stratification feature) and reports every problem at once, positioned, with codes SF610/SF611.
 */
public final class ExperimentDefinitions {
    /** All experiments of a project and its global holdout (null when none is declared). */
    public record Definitions(List<Experiment> experiments, GlobalHoldout holdout) {
        public Optional<Experiment> find(String name) {
            return experiments.stream().filter(e -> e.name().equals(name)).findFirst();
        }
    }

    private static final double SHARE_TOLERANCE = 1e-9;

    private final Map<String, List<String>> segmentGroups;
    private final Map<String, List<String>> featureColumns;
    private final Diagnostics diags = new Diagnostics();

    /**
     * @param segmentGroups  segmentation name to its declared groups
     * @param featureColumns feature name to its columns (for {@code stratify_by: {feature, column}})
     */
    public ExperimentDefinitions(Map<String, List<String>> segmentGroups, Map<String, List<String>> featureColumns) {
        this.segmentGroups = segmentGroups;
        this.featureColumns = featureColumns;
    }

    /** The definitions of a compiled project (its segmentations' groups and its features' columns). */
    public static Definitions of(CompiledProject cp) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (CompiledSegment s : cp.segments().values()) groups.put(s.name(), s.plan().segmentNames());
        Map<String, List<String>> columns = new LinkedHashMap<>();
        cp.nodes().values().forEach(n -> columns.put(n.name(), n.columns().stream().map(ColumnDef::name).toList()));
        return new ExperimentDefinitions(groups, columns).read(cp.project().experiments());
    }

    public Definitions read(List<ExperimentSpec> specs) {
        GlobalHoldout holdout = null;
        List<Experiment> out = new ArrayList<>();
        for (ExperimentSpec spec : specs) {
            if (spec.isGlobalHoldout()) {
                holdout = holdout(spec);
            } else {
                Experiment e = experiment(spec);
                if (e != null) out.add(e);
            }
        }
        diags.throwIfErrors();
        return new Definitions(out, holdout);
    }

    private GlobalHoldout holdout(ExperimentSpec spec) {
        double share = number(spec, "share", 0);
        if (share <= 0 || share >= 1) {
            error(spec, "share", "the global holdout share must be between 0 and 1 (exclusive), not " + share, null);
        }
        checkBucketMultiple(spec, "share", share);
        return new GlobalHoldout(share, text(spec, "salt", GlobalHoldout.DEFAULT_SALT));
    }

    private Experiment experiment(ExperimentSpec spec) {
        int before = diags.all().size();
        String segmentation = text(spec, "segment", null);
        List<String> groups = strings(spec.body().get("groups"));
        checkTarget(spec, segmentation, groups);
        Map<String, Double> arms = arms(spec);
        String control = text(spec, "control", arms.containsKey("control") ? "control"
                : arms.keySet().stream().findFirst().orElse("control"));
        if (!arms.isEmpty() && !arms.containsKey(control)) {
            error(spec, "control", "control arm '" + control + "' is not one of the arms " + arms.keySet(),
                    Suggestions.didYouMean(control, arms.keySet()));
        }
        if (arms.containsKey(Experiment.HOLDOUT_ARM)) {
            error(spec, "arms", "'" + Experiment.HOLDOUT_ARM + "' is reserved for the global holdout", "rename the arm");
        }
        LocalDate start = date(spec, "start");
        LocalDate stop = date(spec, "stop");
        if (start != null && stop != null && stop.isBefore(start)) {
            error(spec, "stop", "stop " + stop + " is before start " + start, "stop is the last day entities are assigned");
        }
        Experiment.Stratify stratify = stratify(spec);
        Object srm = spec.body().get("srm");
        double threshold = srm instanceof Map<?, ?> m && m.get("threshold") instanceof Number n ? n.doubleValue()
                : Experiment.DEFAULT_SRM_THRESHOLD;
        if (threshold <= 0 || threshold >= 1) error(spec, "srm.threshold", "the SRM threshold must be a p-value in (0, 1)", null);
        Experiment.Mde mde = mde(spec);
        Experiment.Outcome outcome = outcome(spec);
        if (diags.all().size() > before) return null;
        return new Experiment(spec.name(), segmentation, groups, arms, control, text(spec, "salt", spec.name()), start,
                stop, stratify, threshold, mde, outcome, spec);
    }

    private void checkTarget(ExperimentSpec spec, String segmentation, List<String> groups) {
        List<String> declared = segmentGroups.get(segmentation);
        if (declared == null) {
            diags.error(ErrorCode.EXPERIMENT_TARGET, spec.positionOf("segment"), "experiment '" + spec.name()
                    + "' targets unknown segmentation '" + segmentation + "'", hint(segmentation, segmentGroups.keySet()));
            return;
        }
        for (int i = 0; i < groups.size(); i++) {
            if (declared.isEmpty() || declared.contains(groups.get(i))) continue;
            diags.error(ErrorCode.EXPERIMENT_TARGET, spec.positionOf("groups." + i), "segmentation '" + segmentation
                    + "' has no group '" + groups.get(i) + "'", hint(groups.get(i), declared));
        }
    }

    private Map<String, Double> arms(ExperimentSpec spec) {
        Map<String, Double> arms = new LinkedHashMap<>();
        if (!(spec.body().get("arms") instanceof Map<?, ?> raw)) return arms;
        double sum = 0;
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String arm = String.valueOf(e.getKey());
            double share = e.getValue() instanceof Number n ? n.doubleValue() : Double.NaN;
            if (!(share > 0 && share < 1)) {
                error(spec, "arms." + arm, "share of arm '" + arm + "' must be between 0 and 1 (exclusive), not "
                        + e.getValue(), null);
                continue;
            }
            checkBucketMultiple(spec, "arms." + arm, share);
            arms.put(arm, share);
            sum += share;
        }
        if (arms.size() == raw.size() && Math.abs(sum - 1) > SHARE_TOLERANCE) {
            error(spec, "arms", "arm shares of '" + spec.name() + "' sum to " + round(sum) + ", not 1",
                    "make the shares add up to 1, e.g. {control: 0.1, treatment: 0.9}");
        }
        return arms;
    }

    private void checkBucketMultiple(ExperimentSpec spec, String key, double share) {
        double buckets = share * Experiment.BUCKETS;
        if (Math.abs(buckets - Math.rint(buckets)) > 1e-6) {
            error(spec, key, "share " + share + " is finer than 1/" + Experiment.BUCKETS + " of the hash buckets",
                    "round it to 4 decimals");
        }
    }

    private Experiment.Stratify stratify(ExperimentSpec spec) {
        Object v = spec.body().get("stratify_by");
        if (v == null) return Experiment.Stratify.NONE;
        if ("group".equals(v)) return new Experiment.Stratify(Experiment.Stratify.Kind.GROUP, null, null, 0);
        if (!(v instanceof Map<?, ?> m)) return Experiment.Stratify.NONE;
        String feature = String.valueOf(m.get("feature"));
        String column = String.valueOf(m.get("column"));
        int buckets = m.get("buckets") instanceof Number n ? n.intValue() : 4;
        List<String> columns = featureColumns.get(feature);
        if (columns == null) {
            diags.error(ErrorCode.EXPERIMENT_TARGET, spec.positionOf("stratify_by.feature"), "unknown feature '"
                    + feature + "' in stratify_by", hint(feature, featureColumns.keySet()));
        } else if (!columns.isEmpty() && !columns.contains(column)) {
            diags.error(ErrorCode.EXPERIMENT_TARGET, spec.positionOf("stratify_by.column"), "feature '" + feature
                    + "' has no column '" + column + "'", hint(column, columns));
        }
        return new Experiment.Stratify(Experiment.Stratify.Kind.FEATURE, feature, column, buckets);
    }

    private Experiment.Mde mde(ExperimentSpec spec) {
        if (!(spec.body().get("min_detectable_effect") instanceof Map<?, ?> m)) return null;
        double effect = num(m.get("effect"), 0);
        double baseline = num(m.get("baseline_rate"), 0);
        double power = num(m.get("power"), 0.8);
        double alpha = num(m.get("alpha"), 0.05);
        String key = "min_detectable_effect";
        if (effect <= 0 || baseline <= 0 || baseline + effect >= 1) {
            error(spec, key, "baseline_rate + effect must stay inside (0, 1): " + baseline + " + " + effect, null);
        }
        if (power <= 0 || power >= 1 || alpha <= 0 || alpha >= 1) {
            error(spec, key, "power and alpha must be in (0, 1)", "e.g. power: 0.8, alpha: 0.05");
        }
        return new Experiment.Mde(effect, baseline, power, alpha);
    }

    private Experiment.Outcome outcome(ExperimentSpec spec) {
        if (!(spec.body().get("outcome") instanceof Map<?, ?> m)) return null;
        String events = String.valueOf(m.get("events")).strip();
        while (events.endsWith(";")) events = events.substring(0, events.length() - 1).strip();
        int window = m.get("window_days") instanceof Number n ? n.intValue() : 30;
        Integer pre = m.get("pre_period_days") instanceof Number n ? n.intValue() : null;
        if (window < 1 || (pre != null && pre < 1)) error(spec, "outcome", "window_days and pre_period_days must be >= 1", null);
        return new Experiment.Outcome("rate".equals(m.get("type")), events, window, pre);
    }

    private LocalDate date(ExperimentSpec spec, String key) {
        Object v = spec.body().get(key);
        if (v == null) return null;
        try {
            return LocalDate.parse(String.valueOf(v));
        } catch (DateTimeParseException e) {
            error(spec, key, key + " '" + v + "' is not a date", "write it as YYYY-MM-DD");
            return null;
        }
    }

    private void error(ExperimentSpec spec, String key, String message, String hint) {
        diags.error(ErrorCode.EXPERIMENT, spec.positionOf(key), message, hint);
    }

    private static String hint(String word, java.util.Collection<String> candidates) {
        String guess = word == null ? null : Suggestions.didYouMean(word, candidates);
        return guess != null ? guess : "known: " + String.join(", ", candidates);
    }

    private static String text(ExperimentSpec spec, String key, String dflt) {
        Object v = spec.body().get(key);
        return v == null ? dflt : String.valueOf(v);
    }

    private static double number(ExperimentSpec spec, String key, double dflt) {
        return num(spec.body().get(key), dflt);
    }

    private static double num(Object v, double dflt) {
        return v instanceof Number n ? n.doubleValue() : dflt;
    }

    private static List<String> strings(Object v) {
        if (!(v instanceof List<?> l)) return List.of();
        return l.stream().map(String::valueOf).toList();
    }

    private static String round(double v) {
        return String.valueOf(Math.round(v * 1e6) / 1e6);
    }
}
