package io.segflow.experiment;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The {@code min_detectable_effect} check: the power of a two-sided two-proportion z-test (pooled variance under the
 * null, unpooled under the alternative) to detect {@code baseline_rate + effect} against {@code baseline_rate} with
 * the arm sizes the targeted population gives. Each treatment arm is compared with the control arm.
 */
public final class PowerCheck {
    private static final NormalDistribution NORMAL = new NormalDistribution();

    /** The weakest arm's power, the population needed for the declared power, and whether the check passed. */
    public record Result(long population, double power, long requiredPopulation, boolean passed) {
    }

    private PowerCheck() {
    }

    /** Power of one comparison with {@code nControl} and {@code nTreatment} entities. */
    public static double power(Experiment.Mde mde, double nControl, double nTreatment) {
        if (nControl < 1 || nTreatment < 1) return 0;
        double p1 = mde.baselineRate();
        double p2 = p1 + mde.effect();
        double pooled = (nControl * p1 + nTreatment * p2) / (nControl + nTreatment);
        double se0 = Math.sqrt(pooled * (1 - pooled) * (1 / nControl + 1 / nTreatment));
        double se1 = Math.sqrt(p1 * (1 - p1) / nControl + p2 * (1 - p2) / nTreatment);
        double z = NORMAL.inverseCumulativeProbability(1 - mde.alpha() / 2);
        return NORMAL.cumulativeProbability((mde.effect() - z * se0) / se1);
    }

    /** The weakest treatment-versus-control power when {@code population} entities are targeted. */
    public static double power(Experiment e, GlobalHoldout holdout, long population) {
        double inExperiment = population * (holdout == null ? 1 : 1 - holdout.share());
        double nControl = inExperiment * e.arms().get(e.control());
        double weakest = 1;
        for (var arm : e.arms().entrySet()) {
            if (arm.getKey().equals(e.control())) continue;
            weakest = Math.min(weakest, power(e.mde(), nControl, inExperiment * arm.getValue()));
        }
        return weakest;
    }

    public static Result check(Experiment e, GlobalHoldout holdout, long population) {
        double power = power(e, holdout, population);
        long lo = 1;
        long hi = 2;
        while (power(e, holdout, hi) < e.mde().power() && hi < Long.MAX_VALUE / 4) hi *= 2;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (power(e, holdout, mid) >= e.mde().power()) hi = mid;
            else lo = mid + 1;
        }
        return new Result(population, power, lo, power >= e.mde().power());
    }
}
