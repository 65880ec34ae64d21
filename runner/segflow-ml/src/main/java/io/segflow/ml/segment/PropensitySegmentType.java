package io.segflow.ml.segment;

import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.segment.SegmentContext;
import io.segflow.core.segment.SegmentPlan;
import io.segflow.core.segment.SegmentSql;
import io.segflow.core.segment.SegmentType;
import io.segflow.ml.propensity.PropensityTrainer;
import io.segflow.ml.pull.NullPolicy;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: propensity} (churn, lookalike): a 0/1 label from transactions in a window after a cutoff, features
 * rebuilt as of that cutoff, or a static label the {@code from} relation carries per entity (a column or a
 * condition: see {@link ModelDefinition.StaticLabel}, split stratified and cross-validated), Tribuo XGBoost or logistic regression, held-out AUC / precision / recall / calibration,
 * and groups by a probability threshold or by quantile tiers. Scores are computed in the warehouse by SQL.
 */
public final class PropensitySegmentType implements SegmentType {
    static final Set<String> OWN_KEYS = Set.of("algorithm", "threshold", "tiers", "cv_folds");
    static final Set<String> THRESHOLD_KEYS = Set.of("value", "above", "below");

    /** How scores become groups: a threshold (above/below names) or tiers (names, highest scores first). */
    record Grouping(Double threshold, String above, String below, List<String> tiers) {
        List<String> names() {
            return threshold != null ? List.of(above, below) : tiers;
        }

        String canonical() {
            return threshold != null ? "threshold=" + threshold + "/" + above + "/" + below : "tiers=" + tiers;
        }
    }

    @Override
    public String name() {
        return "propensity";
    }

    @Override
    public Set<String> keys() {
        Set<String> k = new HashSet<>(ModelDefinition.KEYS);
        k.addAll(SupervisedSettings.KEYS);
        k.addAll(OWN_KEYS);
        return k;
    }

    @Override
    public SegmentPlan plan(SegmentSpec spec, SegmentContext ctx) {
        String alg = ctx.string(spec, "algorithm", "xgboost").toLowerCase(Locale.ROOT);
        PropensityTrainer.Algorithm algorithm = switch (alg) {
            case "xgboost" -> PropensityTrainer.Algorithm.XGBOOST;
            case "logistic" -> PropensityTrainer.Algorithm.LOGISTIC;
            default -> null;
        };
        if (algorithm == null) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("algorithm"), "unknown propensity algorithm '"
                    + alg + "'", "use xgboost or logistic");
        }
        ModelDefinition def = ModelDefinition.read(spec, ctx, true,
                algorithm == PropensityTrainer.Algorithm.LOGISTIC ? NullPolicy.IMPUTE_MEAN : NullPolicy.KEEP_MISSING);
        if (def == null) return null;
        int rounds = algorithm == PropensityTrainer.Algorithm.LOGISTIC ? 20 : 50;
        if (ModelDefinition.hasStaticLabel(spec)) {
            ModelDefinition.StaticLabel label = ModelDefinition.staticLabel(spec, ctx, def, rounds);
            Grouping grouping = grouping(spec, ctx);
            if (label == null || grouping == null || algorithm == null) return null;
            return modelPlan(def, null, new PropensityStep(def, label, algorithm, grouping), grouping.names(),
                    "algorithm=" + algorithm + "\n" + grouping.canonical() + "\n" + label.canonical());
        }
        if (spec.body().get("cv_folds") != null) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("cv_folds"), "cv_folds applies to a static"
                    + " label (label: {column: ..} or {expression: ..})", "a time-window label is tested on the latest cutoff;"
                    + " remove cv_folds");
            return null;
        }
        SupervisedSettings sup = SupervisedSettings.read(spec, ctx, def, "positive", rounds);
        Grouping grouping = grouping(spec, ctx);
        if (sup == null || grouping == null || algorithm == null) return null;
        PropensityStep step = new PropensityStep(def, sup, algorithm, grouping,
                sup.training(ctx, def, "CASE WHEN (" + sup.labelExpression() + ") THEN 1 ELSE 0 END"));
        return modelPlan(def, sup, step, grouping.names(), "algorithm=" + algorithm + "\n" + grouping.canonical());
    }

    static SegmentPlan modelPlan(ModelDefinition def, SupervisedSettings sup, ModelStep<?> step, List<String> names,
                                 String canonical) {
        Set<String> deps = new LinkedHashSet<>();
        deps.add(def.input().nodeId());
        if (sup != null) deps.add(sup.transactions().nodeId());
        String profile = def.features().isEmpty() ? null : "select " + SegmentSql.ident(def.entityKey())
                + " as \"entity_id\", " + String.join(", ", def.featureNames().stream().map(SegmentSql::ident).toList())
                + " from " + def.input().sqlName();
        return new SegmentPlan(deps, def.input().relation(), def.entityKey(), null, step, names, false, profile,
                def.canonical() + "\n" + (sup == null ? "" : sup.canonical()) + "\n" + canonical);
    }

    static Grouping grouping(SegmentSpec spec, SegmentContext ctx) {
        Object t = spec.body().get("threshold");
        Object tiers = spec.body().get("tiers");
        if (t != null && tiers != null) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("tiers"), "segment '" + spec.name()
                    + "' has both threshold and tiers", "keep one of them");
            return null;
        }
        if (t != null) {
            Object value = t;
            String above = "high";
            String below = "low";
            if (t instanceof Map<?, ?> m) {
                if (!ctx.checkKeys(spec, "threshold", m, THRESHOLD_KEYS)) return null;
                value = m.get("value");
                if (m.get("above") != null) above = String.valueOf(m.get("above"));
                if (m.get("below") != null) below = String.valueOf(m.get("below"));
            }
            if (!(value instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() >= 1 || above.equals(below)) {
                ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("threshold"), "invalid threshold " + t,
                        "write threshold: 0.75 or threshold: {value: 0.75, above: likely_churn, below: retained}");
                return null;
            }
            return new Grouping(n.doubleValue(), above, below, null);
        }
        if (tiers == null) return new Grouping(null, null, null, List.of("high", "medium", "low"));
        if (tiers instanceof List<?> l && l.size() >= 2 && new HashSet<>(l).size() == l.size()) {
            return new Grouping(null, null, null, l.stream().map(String::valueOf).toList());
        }
        ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("tiers"), "tiers must list at least two distinct names",
                "write tiers: [high, medium, low] (highest scores first)");
        return null;
    }
}
