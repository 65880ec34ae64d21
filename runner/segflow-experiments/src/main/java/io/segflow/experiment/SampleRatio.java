package io.segflow.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * The sample-ratio mismatch check: a chi-square goodness-of-fit test of the arm counts against the declared shares,
 * over all entities and within each stratum. The run fails when the overall p-value, or a stratum's p-value, is below
 * the threshold (a stratum's threshold is divided by the number of strata, Bonferroni, so many strata do not raise
 * false alarms). Global holdout entities are not counted: they are outside the experiment's arms.
 */
public final class SampleRatio {
    /** The overall p-value (NaN without counts), the per-stratum p-values, and whether the check failed. */
    public record Result(Map<String, Long> counts, double pValue, Map<String, Double> strata, double threshold,
                         boolean mismatch) {
        public String describe() {
            StringBuilder sb = new StringBuilder("arm counts " + counts + " against the declared shares: p = "
                    + String.format(java.util.Locale.ROOT, "%.3g", pValue));
            strata.forEach((s, p) -> {
                if (p < threshold / Math.max(1, strata.size())) {
                    sb.append(", stratum ").append(s).append(": p = ").append(String.format(java.util.Locale.ROOT, "%.3g", p));
                }
            });
            return sb.toString();
        }
    }

    private SampleRatio() {
    }

    /** @param countsByStratum stratum to arm to count */
    public static Result check(Map<String, Double> shares, Map<String, Map<String, Long>> countsByStratum, double threshold) {
        Map<String, Long> total = new LinkedHashMap<>();
        shares.keySet().forEach(a -> total.put(a, 0L));
        countsByStratum.values().forEach(m -> m.forEach((arm, n) -> {
            if (shares.containsKey(arm)) total.merge(arm, n, Long::sum);
        }));
        double overall = pValue(shares, total);
        Map<String, Double> strata = new TreeMap<>();
        if (countsByStratum.size() > 1) countsByStratum.forEach((s, m) -> strata.put(s, pValue(shares, m)));
        boolean mismatch = overall < threshold;
        for (double p : strata.values()) mismatch |= p < threshold / strata.size();
        return new Result(total, overall, strata, threshold, mismatch);
    }

    /** The chi-square p-value of {@code counts} against {@code shares}; NaN (no evidence) when there are no counts. */
    public static double pValue(Map<String, Double> shares, Map<String, Long> counts) {
        long n = 0;
        for (String arm : shares.keySet()) n += counts.getOrDefault(arm, 0L);
        if (n == 0) return Double.NaN;
        double[] expected = new double[shares.size()];
        long[] observed = new long[shares.size()];
        int i = 0;
        for (Map.Entry<String, Double> arm : shares.entrySet()) {
            expected[i] = arm.getValue() * n;
            observed[i++] = counts.getOrDefault(arm.getKey(), 0L);
        }
        return new ChiSquareTest().chiSquareTest(expected, observed);
    }
}
