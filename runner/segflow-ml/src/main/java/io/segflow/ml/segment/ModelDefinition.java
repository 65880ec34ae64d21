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
            ctx.diagnostics().error(ErrorCode.MISSING_KEY, spec.position(), "segment '" + spec.name() + "' has no 'features'",
                    "list the numeric columns of " + in.relation() + " the model uses, e.g. features: [orders_count, total_revenue]");
            ok = false;
        } else if (raw != null && !(raw instanceof List<?> list && !list.isEmpty())) {
            ctx.diagnostics().error(ErrorCode.WRONG_TYPE, spec.positionOf("features"), "features must be a non-empty list",
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
                        ctx.diagnostics().error(ErrorCode.MISSING_KEY, spec.positionOf(path), "feature " + (i + 1)
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
                    ctx.diagnostics().error(ErrorCode.DUPLICATE_NAME, spec.positionOf(path), "feature '" + name
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
                ctx.diagnostics().error(ErrorCode.INVALID_VALUE, spec.positionOf("retrain"), "unknown retrain policy '" + r + "'",
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
            ctx.diagnostics().error(ErrorCode.INVALID_VALUE, spec.positionOf(path), "unknown null policy '" + value + "'",
                    "use impute_mean, impute_median, impute_zero, keep_missing (xgboost only), drop or fail");
            return null;
        }
    }

    /** A positive integer value, the fallback when absent, or null after reporting an error. */
    static Integer positiveInt(SegmentSpec spec, SegmentContext ctx, String path, Object v, int fallback) {
        if (v == null) return fallback;
        if (v instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() > 0) return n.intValue();
        ctx.diagnostics().error(ErrorCode.INVALID_VALUE, spec.positionOf(path), path + " must be a positive whole number, got " + v,
                null);
        return null;
    }

    /** A number value, the fallback when absent, or null after reporting an error. */
    static Double number(SegmentSpec spec, SegmentContext ctx, String path, Object v, double fallback, double min, double max) {
        if (v == null) return fallback;
        if (v instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max) return n.doubleValue();
        ctx.diagnostics().error(ErrorCode.INVALID_VALUE, spec.positionOf(path), path + " must be a number in [" + min + ", "
                + max + "], got " + v, null);
        return null;
    }

    /** Canonical text of what the model depends on, for the definition hash. */
    String canonical() {
        return "from=" + input.relation() + "\nkey=" + entityKey + "\nfeatures=" + features + "\nwhere=" + where
                + "\nsample=" + (sampleSize == ALL_ROWS ? "all" : String.valueOf(sampleSize)) + "/" + seed;
    }
}
