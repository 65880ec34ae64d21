package io.segflow.ml.segment;

import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.Project;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.segment.InputRelation;
import io.segflow.core.segment.SegmentContext;
import io.segflow.ml.pull.FeatureSpec;
import io.segflow.ml.pull.NullPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parts every model segment type shares, read from its YAML: the input relation ({@code from}), entity key,
 * features with their NULL policies, an optional population filter ({@code where}), the training sample, the
 * {@code retrain:} policy and where the model registry lives.
 */
public record ModelDefinition(SegmentSpec spec, InputRelation input, String entityKey, List<FeatureSpec> features,
                              String where, int sampleSize, long seed, Retrain retrain, Path registryDir) {
    /** Keys read here, shared by cluster, propensity and ltv. */
    public static final Set<String> KEYS = Set.of("from", "features", "null_policy", "where", "sample", "retrain");
    static final Set<String> FEATURE_KEYS = Set.of("name", "nulls");
    static final Set<String> SAMPLE_KEYS = Set.of("size", "seed");
    /** Registry folder under the project root unless SEGFLOW_REGISTRY_PATH is set. */
    public static final String DEFAULT_REGISTRY = ".segflow/registry";
    /** The sample size meaning "every entity" (the default of ltv). */
    public static final int ALL_ROWS = Integer.MAX_VALUE;
    /** The default sample size of cluster and propensity segments. */
    static final int DEFAULT_SAMPLE = 20_000;

    /** When a model segment trains a new model version. */
    public enum Retrain {
        /** Every build trains and registers a new version. */
        ALWAYS,
        /** Train when the definition or the pulled training sample changed since the latest version. */
        IF_CHANGED,
        /** Reuse the latest registered version (train only when there is none, or with {@code segflow train}). */
        NEVER
    }

    public String name() {
        return spec.name();
    }

    public List<String> featureNames() {
        return features.stream().map(FeatureSpec::name).toList();
    }

    /**
     * The model registry of a project: {@code $SEGFLOW_REGISTRY_PATH}, else {@code registry_path} from
     * segflow_project.yml, else {@code <root>/.segflow/registry}; relative paths are under the project root.
     */
    public static Path registryDir(Project project) {
        String env = System.getenv("SEGFLOW_REGISTRY_PATH");
        String configured = project.config().registryPath();
        Path p = env != null && !env.isBlank() ? Path.of(env)
                : configured != null && !configured.isBlank() ? Path.of(configured) : Path.of(DEFAULT_REGISTRY);
        return p.isAbsolute() ? p : project.root().resolve(p).normalize();
    }

    /**
     * Reads the shared keys; {@code requireFeatures} is false for types that derive their own inputs (BG/NBD).
     * Returns null after reporting positioned errors.
     */
    static ModelDefinition read(SegmentSpec spec, SegmentContext ctx, boolean requireFeatures, NullPolicy defaultPolicy) {
        return read(spec, ctx, requireFeatures, defaultPolicy, DEFAULT_SAMPLE);
    }

    /** As {@link #read(SegmentSpec, SegmentContext, boolean, NullPolicy)}; {@code defaultSample} applies without sample:. */
    static ModelDefinition read(SegmentSpec spec, SegmentContext ctx, boolean requireFeatures, NullPolicy defaultPolicy,
                                int defaultSample) {
        InputRelation in = ctx.relation(spec, "from").orElse(null);
        if (in == null) return null;
        boolean ok = true;
        String key = ctx.string(spec, "entity_key", in.entityKey() != null ? in.entityKey() : "customer_id");
        ok &= ctx.requireColumn(spec, "entity_key", in, key);

        NullPolicy base = defaultPolicy;
        Object np = spec.body().get("null_policy");
        if (np != null) {
            base = policy(spec, ctx, "null_policy", String.valueOf(np));
            ok &= base != null;
        }
        List<FeatureSpec> features = new ArrayList<>();
        Object raw = spec.body().get("features");
        if (raw == null && requireFeatures) {
            ctx.error(ErrorCode.MISSING_KEY, spec.position(), "segment '" + spec.name() + "' has no 'features'",
                    "list the numeric columns of " + in.relation() + " the model uses, e.g. features: [orders_count, total_revenue]");
            ok = false;
        } else if (raw != null && !(raw instanceof List<?> list && !list.isEmpty())) {
            ctx.error(ErrorCode.WRONG_TYPE, spec.positionOf("features"), "features must be a non-empty list",
                    "write features: [orders_count, {name: avg_csat, nulls: impute_median}]");
            ok = false;
        } else if (raw != null) {
            List<?> list = (List<?>) raw;
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "features." + i;
                Object item = list.get(i);
                String name;
                NullPolicy policy = base;
                if (item instanceof Map<?, ?> m) {
                    ok &= ctx.checkKeys(spec, path, m, FEATURE_KEYS);
                    name = m.get("name") == null ? null : String.valueOf(m.get("name"));
                    if (m.get("nulls") != null) policy = policy(spec, ctx, path + ".nulls", String.valueOf(m.get("nulls")));
                } else {
                    name = item == null ? null : String.valueOf(item);
                }
                if (name == null || policy == null) {
                    if (name == null) {
                        ctx.error(ErrorCode.MISSING_KEY, spec.positionOf(path), "feature " + (i + 1)
                                + " has no name", "write a column name or {name: col, nulls: impute_mean}");
                    }
                    ok = false;
                    continue;
                }
                if (!ctx.requireColumn(spec, path, in, name)) {
                    ok = false;
                    continue;
                }
                if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                    ctx.error(ErrorCode.DUPLICATE_NAME, spec.positionOf(path), "feature '" + name
                            + "' is listed twice", "list each feature once");
                    ok = false;
                    continue;
                }
                features.add(FeatureSpec.of(name, policy));
            }
        }
        String where = ctx.string(spec, "where", null);
        if (where != null) ok &= ctx.validateExpression(spec, "where", where, in.sqlName() + " as \"t\"", true);

        int sampleSize = defaultSample;
        long seed = 42;
        Object sample = spec.body().get("sample");
        if (sample instanceof Map<?, ?> m) {
            ok &= ctx.checkKeys(spec, "sample", m, SAMPLE_KEYS);
            Integer size = positiveInt(spec, ctx, "sample.size", m.get("size"), sampleSize);
            Integer s = positiveInt(spec, ctx, "sample.seed", m.get("seed"), 42);
            ok &= size != null && s != null;
            if (size != null) sampleSize = size;
            if (s != null) seed = s;
        } else if (sample != null) {
            Integer size = positiveInt(spec, ctx, "sample", sample, sampleSize);
            ok &= size != null;
            if (size != null) sampleSize = size;
        }
        Retrain retrain = Retrain.IF_CHANGED;
        String r = ctx.string(spec, "retrain", null);
        if (r != null) {
            try {
                retrain = Retrain.valueOf(r.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("retrain"), "unknown retrain policy '" + r + "'",
                        "use always, if_changed (the definition or the training sample changed) or never");
                ok = false;
            }
        }
        if (!ok) return null;
        return new ModelDefinition(spec, in, key, features, where, sampleSize, seed, retrain,
                registryDir(ctx.project()));
    }

    static NullPolicy policy(SegmentSpec spec, SegmentContext ctx, String path, String value) {
        try {
            return NullPolicy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf(path), "unknown null policy '" + value + "'",
                    "use impute_mean, impute_median, impute_zero, keep_missing (xgboost only), drop or fail");
            return null;
        }
    }

    /** A positive integer value, the fallback when absent, or null after reporting an error. */
    static Integer positiveInt(SegmentSpec spec, SegmentContext ctx, String path, Object v, int fallback) {
        if (v == null) return fallback;
        if (v instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() > 0) return n.intValue();
        ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf(path), path + " must be a positive whole number, got " + v,
                null);
        return null;
    }

    /** A number value, the fallback when absent, or null after reporting an error. */
    static Double number(SegmentSpec spec, SegmentContext ctx, String path, Object v, double fallback, double min, double max) {
        if (v == null) return fallback;
        if (v instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max) return n.doubleValue();
        ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf(path), path + " must be a number in [" + min + ", "
                + max + "], got " + v, null);
        return null;
    }

    /**
     * A label every entity carries in the {@code from} relation itself (no transactions, no cutoff): a boolean or
     * 0/1 {@code column}, or a row-level {@code expression} (a condition). Rows where it is NULL are not labelled.
     * Trained with a seeded stratified train/test split and {@code folds}-fold cross-validation on the train part.
     */
    public record StaticLabel(String column, boolean booleanColumn, String expression, double testFraction, int folds,
                              int rounds) {
        static final Set<String> KEYS = Set.of("column", "expression");

        /** The 0/1 label as SQL over the {@code from} row ({@code quote} quotes identifiers for the target). */
        public String sql(java.util.function.UnaryOperator<String> quote) {
            if (expression != null) return "CASE WHEN (" + expression + ") THEN 1 WHEN NOT (" + expression + ") THEN 0 END";
            String c = quote.apply(column);
            return booleanColumn ? "CASE WHEN " + c + " THEN 1 WHEN NOT " + c + " THEN 0 END" : c;
        }

        String canonical() {
            return "label=" + (expression != null ? "expression:" + expression : "column:" + column) + "\ntest_fraction="
                    + testFraction + "\ncv_folds=" + folds + "\nrounds=" + rounds;
        }
    }

    /** Whether {@code label:} is a {@link StaticLabel} ({@code column} or {@code expression}) rather than a window. */
    static boolean hasStaticLabel(SegmentSpec spec) {
        return spec.body().get("label") instanceof Map<?, ?> m && (m.containsKey("column") || m.containsKey("expression"));
    }

    /** Reads a static {@code label:} (see {@link #hasStaticLabel}); null after reporting positioned errors. */
    static StaticLabel staticLabel(SegmentSpec spec, SegmentContext ctx, ModelDefinition def, int defaultRounds) {
        Map<?, ?> label = (Map<?, ?>) spec.body().get("label");
        boolean ok = ctx.checkKeys(spec, "label", label, StaticLabel.KEYS);
        for (String windowKey : List.of("transactions", "cutoff", "cutoff_var")) {
            if (spec.body().get(windowKey) != null) {
                ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf(windowKey), "'" + windowKey
                        + "' belongs to a time-window label, but this label is read from " + def.input().relation(),
                        "remove " + windowKey + ", or write label: {date: .., window_days: .., positive: ..}");
                ok = false;
            }
        }
        String column = label.get("column") == null ? null : String.valueOf(label.get("column"));
        String expression = label.get("expression") == null ? null : String.valueOf(label.get("expression"));
        String from = def.input().sqlName() + " as \"t\"";
        boolean isBoolean = false;
        if (column != null && expression != null) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("label.expression"), "label has both column"
                    + " and expression", "keep one: label: {column: churned} or label: {expression: \"Churn = 'Yes'\"}");
            ok = false;
        } else if (column != null) {
            if (ctx.requireColumn(spec, "label.column", def.input(), column)) {
                String type = def.input().columns().stream().filter(c -> c.name().equalsIgnoreCase(column))
                        .map(c -> c.type() == null ? "" : c.type().toUpperCase(Locale.ROOT)).findFirst().orElse("");
                isBoolean = type.startsWith("BOOL");
                if (type.contains("CHAR") || type.contains("STRING") || type.contains("TEXT")) {
                    ctx.error(ErrorCode.WRONG_TYPE, spec.positionOf("label.column"), "label column '" + column
                            + "' is text (" + type + "); a label is a boolean or a 0/1 number", "write a condition:"
                            + " label: {expression: \"" + column + " = 'Yes'\"}");
                    ok = false;
                } else {
                    ok &= ctx.validateExpression(spec, "label.column", "\"" + column.replace("\"", "\"\"") + "\"", from, false);
                }
            } else {
                ok = false;
            }
        } else if (expression != null) {
            ok &= ctx.validateExpression(spec, "label.expression", expression, from, true);
        }
        Double test = number(spec, ctx, "test_fraction", spec.body().get("test_fraction"), 0.25, 0.01, 0.99);
        Integer folds = positiveInt(spec, ctx, "cv_folds", spec.body().get("cv_folds"), 5);
        if (folds != null && folds < 2) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("cv_folds"), "cv_folds must be at least 2",
                    "write cv_folds: 5 (the default)");
            folds = null;
        }
        Integer rounds = positiveInt(spec, ctx, "rounds", spec.body().get("rounds"), defaultRounds);
        if (!ok || test == null || folds == null || rounds == null) return null;
        return new StaticLabel(column, isBoolean, expression, test, folds, rounds);
    }

    /** Canonical text of what the model depends on, for the definition hash. */
    String canonical() {
        return "from=" + input.relation() + "\nkey=" + entityKey + "\nfeatures=" + features + "\nwhere=" + where
                + "\nsample=" + (sampleSize == ALL_ROWS ? "all" : String.valueOf(sampleSize)) + "/" + seed;
    }
}
