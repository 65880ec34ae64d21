package io.segflow.ml.segment;

import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.segment.SegmentContext;
import io.segflow.core.segment.SegmentPlan;
import io.segflow.core.segment.SegmentSql;
import io.segflow.core.segment.SegmentType;
import io.segflow.ml.cluster.CovarianceType;
import io.segflow.ml.pull.NullPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code type: cluster}: k-means (k-means++ seeded, k fixed or chosen over a range by silhouette), a Gaussian
 * mixture (diagonal or full covariance, k by BIC) or HDBSCAN on standardised features pulled from the warehouse.
 * Cluster ids stay stable across retrains; each cluster gets a descriptive label from its profile.
 */
public final class ClusterSegmentType implements SegmentType {
    static final Set<String> OWN_KEYS = Set.of("algorithm", "k", "covariance", "standardize", "silhouette_sample",
            "min_cluster_size", "names");

    /** Parsed cluster settings. */
    record Settings(String algorithm, int minK, int maxK, CovarianceType covariance, boolean standardize,
                    int silhouetteSample, int minClusterSize, List<String> names) {
        String canonical() {
            return "algorithm=" + algorithm + "\nk=" + minK + ".." + maxK + "\ncovariance=" + covariance
                    + "\nstandardize=" + standardize + "\nsilhouette_sample=" + silhouetteSample
                    + "\nmin_cluster_size=" + minClusterSize + "\nnames=" + names;
        }
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public Set<String> keys() {
        Set<String> k = new HashSet<>(ModelDefinition.KEYS);
        k.addAll(OWN_KEYS);
        return k;
    }

    @Override
    public SegmentPlan plan(SegmentSpec spec, SegmentContext ctx) {
        ModelDefinition def = ModelDefinition.read(spec, ctx, true, NullPolicy.IMPUTE_MEAN);
        Settings s = settings(spec, ctx);
        if (def == null || s == null) return null;
        return plan(def, s, new ClusterStep(def, s));
    }

    static SegmentPlan plan(ModelDefinition def, Settings s, ModelStep<?> step) {
        String profile = "select " + SegmentSql.ident(def.entityKey()) + " as \"entity_id\", "
                + String.join(", ", def.featureNames().stream().map(SegmentSql::ident).toList())
                + " from " + def.input().sqlName();
        return new SegmentPlan(Set.of(def.input().nodeId()), def.input().relation(), def.entityKey(), null, step,
                s.names() == null ? List.of() : s.names(), false, profile, def.canonical() + "\n" + s.canonical());
    }

    private static Settings settings(SegmentSpec spec, SegmentContext ctx) {
        boolean ok = true;
        String algorithm = ctx.string(spec, "algorithm", "kmeans").toLowerCase(Locale.ROOT);
        if (!List.of("kmeans", "gmm", "hdbscan").contains(algorithm)) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("algorithm"), "unknown clustering algorithm '"
                    + algorithm + "'", "use kmeans, gmm (Gaussian mixture) or hdbscan");
            ok = false;
        }
        int minK = 4;
        int maxK = 4;
        Object k = spec.body().get("k");
        if (k instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() >= 1) {
            minK = maxK = n.intValue();
        } else if (k instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b
                && a.intValue() >= 2 && b.intValue() >= a.intValue() && b.intValue() <= 50) {
            minK = a.intValue();
            maxK = b.intValue();
        } else if (k != null || !algorithm.equals("hdbscan")) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("k"), k == null ? "segment '" + spec.name()
                            + "' needs k" : "invalid k " + k,
                    "write a number of clusters (k: 5) or a range to choose from ([min, max], 2 <= min <= max <= 50)");
            ok = false;
        }
        CovarianceType covariance = CovarianceType.DIAGONAL;
        String cov = ctx.string(spec, "covariance", null);
        if (cov != null) {
            switch (cov.toLowerCase(Locale.ROOT)) {
                case "diagonal", "diag" -> covariance = CovarianceType.DIAGONAL;
                case "full" -> covariance = CovarianceType.FULL;
                default -> {
                    ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("covariance"), "unknown covariance '"
                            + cov + "'", "use diagonal (compiles to SQL) or full (scored by pull-score-push)");
                    ok = false;
                }
            }
        }
        Object std = spec.body().get("standardize");
        if (std != null && !(std instanceof Boolean)) {
            ctx.error(ErrorCode.WRONG_TYPE, spec.positionOf("standardize"), "standardize must be true or false",
                    null);
            ok = false;
        }
        Integer silhouette = ModelDefinition.positiveInt(spec, ctx, "silhouette_sample",
                spec.body().get("silhouette_sample"), 2000);
        Integer minCluster = ModelDefinition.positiveInt(spec, ctx, "min_cluster_size",
                spec.body().get("min_cluster_size"), 25);
        List<String> names = null;
        Object rawNames = spec.body().get("names");
        if (rawNames instanceof List<?> l && !l.isEmpty()) {
            names = l.stream().map(String::valueOf).toList();
            if (new HashSet<>(names).size() != names.size()) {
                ctx.error(ErrorCode.DUPLICATE_NAME, spec.positionOf("names"), "cluster names must be unique",
                        null);
                ok = false;
            }
        } else if (rawNames != null) {
            ctx.error(ErrorCode.WRONG_TYPE, spec.positionOf("names"), "names must be a list (cluster id 0 first)",
                    "write names: [bargain_hunters, loyal_big_spenders, ...]; leave it out for automatic labels");
            ok = false;
        }
        if (!ok || silhouette == null || minCluster == null) return null;
        return new Settings(algorithm, minK, maxK, covariance, !Boolean.FALSE.equals(std), silhouette, minCluster, names);
    }
}
