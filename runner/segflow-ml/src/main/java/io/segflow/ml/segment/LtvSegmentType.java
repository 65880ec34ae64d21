package io.segflow.ml.segment;

import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.segment.SegmentContext;
import io.segflow.core.segment.SegmentPlan;
import io.segflow.core.segment.SegmentType;
import io.segflow.ml.pull.NullPolicy;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code type: ltv}: customer lifetime value. {@code algorithm: bgnbd} (default) fits BG/NBD + Gamma-Gamma by
 * maximum likelihood on the per-customer purchase summary of a transactions relation and scores P(alive),
 * expected purchases over a horizon and discounted CLV by pull-score-push (the expectation needs 2F1).
 * {@code algorithm: xgboost} regresses the spend in a window after a cutoff on features rebuilt as of the cutoff
 * and scores in SQL. Groups by quantile tiers (default) or a threshold on the value. Both train on every customer
 * unless {@code sample:} asks for fewer (then the build prints how many of how many were used).
 */
public final class LtvSegmentType implements SegmentType {
    static final Set<String> OWN_KEYS = Set.of("algorithm", "date", "amount", "analysis_date", "time_unit",
            "horizon_months", "discount_rate", "threshold", "tiers");

    /** BG/NBD settings: transaction columns, period end, unit, horizon and monthly discount rate. */
    record ClvSettings(String date, String amount, String analysisDate, boolean weeks, int horizonMonths,
                       double discountRate) {
        String canonical() {
            return "date=" + date + "\namount=" + amount + "\nanalysis_date=" + analysisDate + "\nweeks=" + weeks
                    + "\nhorizon_months=" + horizonMonths + "\ndiscount_rate=" + discountRate;
        }
    }

    @Override
    public String name() {
        return "ltv";
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
        String algorithm = ctx.string(spec, "algorithm", "bgnbd").toLowerCase(Locale.ROOT);
        if (!algorithm.equals("bgnbd") && !algorithm.equals("xgboost")) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("algorithm"), "unknown ltv algorithm '"
                    + algorithm + "'", "use bgnbd (BG/NBD + Gamma-Gamma on transactions) or xgboost (regression on features)");
            return null;
        }
        PropensitySegmentType.Grouping grouping = PropensitySegmentType.grouping(spec, ctx);
        if (algorithm.equals("xgboost")) {
            ModelDefinition def = ModelDefinition.read(spec, ctx, true, NullPolicy.KEEP_MISSING, ModelDefinition.ALL_ROWS);
            if (def == null) return null;
            SupervisedSettings sup = SupervisedSettings.read(spec, ctx, def, "value", 100);
            if (sup == null || grouping == null) return null;
            LtvRegressionStep step = new LtvRegressionStep(def, sup, grouping,
                    sup.training(ctx, def, "COALESCE(" + sup.labelExpression() + ", 0)"));
            return PropensitySegmentType.modelPlan(def, sup, step, grouping.names(), "algorithm=xgboost\n" + grouping.canonical());
        }
        ModelDefinition def = ModelDefinition.read(spec, ctx, false, NullPolicy.FAIL, ModelDefinition.ALL_ROWS);
        if (def == null) return null;
        boolean ok = true;
        if (!def.features().isEmpty()) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("features"), "algorithm bgnbd derives its inputs"
                    + " (frequency, recency, age, spend) from the transactions in 'from'", "remove features, or use algorithm: xgboost");
            ok = false;
        }
        String date = ctx.string(spec, "date", "order_date");
        String amount = ctx.string(spec, "amount", "amount");
        ok &= ctx.requireColumn(spec, "date", def.input(), date);
        ok &= ctx.requireColumn(spec, "amount", def.input(), amount);
        String analysisDate = ctx.string(spec, "analysis_date", null);
        try {
            if (analysisDate != null) analysisDate = LocalDate.parse(analysisDate).toString();
        } catch (DateTimeParseException e) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("analysis_date"), "analysis_date '"
                    + analysisDate + "' is not a date", "write it as YYYY-MM-DD (default: the latest transaction date)");
            ok = false;
        }
        String unit = ctx.string(spec, "time_unit", "weeks");
        if (!unit.equals("weeks") && !unit.equals("days")) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("time_unit"), "unknown time_unit '" + unit + "'",
                    "use weeks or days");
            ok = false;
        }
        Integer horizon = ModelDefinition.positiveInt(spec, ctx, "horizon_months", spec.body().get("horizon_months"), 12);
        Double discount = ModelDefinition.number(spec, ctx, "discount_rate", spec.body().get("discount_rate"), 0.01, 0, 1);
        if (!ok || horizon == null || discount == null || grouping == null) return null;
        ClvSettings clv = new ClvSettings(date, amount, analysisDate, unit.equals("weeks"), horizon, discount);
        return PropensitySegmentType.modelPlan(def, null, new ClvStep(def, clv, grouping), grouping.names(),
                "algorithm=bgnbd\n" + clv.canonical() + "\n" + grouping.canonical());
    }
}
