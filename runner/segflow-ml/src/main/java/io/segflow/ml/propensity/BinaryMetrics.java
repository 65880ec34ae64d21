package io.segflow.ml.propensity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Held-out quality of a propensity model: ROC AUC (Mann-Whitney rank statistic, ties averaged), precision, recall
 * and F1 at a threshold, Brier score, a 10-bin calibration table and the lift of the top decile.
 */
public record BinaryMetrics(int rows, int positives, double auc, double threshold, double precision, double recall,
                            double f1, double brier, double liftTopDecile, List<CalibrationBin> calibration) {

    /** One calibration bin: predictions in [lower, upper), their mean and the observed positive rate. */
    public record CalibrationBin(double lower, double upper, int count, double meanPredicted, double observedRate) {
    }

    public BinaryMetrics {
        calibration = List.copyOf(calibration);
    }

    /** Metrics of probabilities {@code p} against 0/1 outcomes {@code y}. */
    public static BinaryMetrics evaluate(double[] p, double[] y, double threshold) {
        if (p.length != y.length || p.length == 0) {
            throw new IllegalArgumentException("need as many predictions as outcomes, and at least one");
        }
        int n = p.length;
        int pos = 0;
        int tp = 0;
        int predictedPos = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            boolean actual = y[i] == 1.0;
            boolean predicted = p[i] > threshold;
            pos += actual ? 1 : 0;
            predictedPos += predicted ? 1 : 0;
            tp += actual && predicted ? 1 : 0;
            brier += (p[i] - y[i]) * (p[i] - y[i]);
        }
        double precision = predictedPos == 0 ? 0 : (double) tp / predictedPos;
        double recall = pos == 0 ? 0 : (double) tp / pos;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new BinaryMetrics(n, pos, auc(p, y), threshold, precision, recall, f1, brier / n,
                liftTopDecile(p, y, pos), calibration(p, y, 10));
    }

    /** P(score of a random positive > score of a random negative), ties counting one half. NaN with one class. */
    public static double auc(double[] p, double[] y) {
        Integer[] order = sortedIndices(p, false);
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && p[order[j + 1]] == p[order[i]]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1; // 1-based average rank of the tie group
            for (int k = i; k <= j; k++) {
                if (y[order[k]] == 1.0) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = order.length - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Positive rate among the 10% highest scores divided by the overall positive rate. */
    static double liftTopDecile(double[] p, double[] y, int positives) {
        if (positives == 0) {
            return Double.NaN;
        }
        Integer[] order = sortedIndices(p, true);
        int top = Math.max(1, (int) Math.ceil(p.length / 10.0));
        int hits = 0;
        for (int k = 0; k < top; k++) {
            hits += y[order[k]] == 1.0 ? 1 : 0;
        }
        return ((double) hits / top) / ((double) positives / p.length);
    }

    /** Equal-width probability bins; empty bins are left out. */
    static List<CalibrationBin> calibration(double[] p, double[] y, int bins) {
        int[] count = new int[bins];
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(bins - 1, Math.max(0, (int) (p[i] * bins)));
            count[b]++;
            sumP[b] += p[i];
            sumY[b] += y[i];
        }
        List<CalibrationBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                out.add(new CalibrationBin((double) b / bins, (double) (b + 1) / bins, count[b], sumP[b] / count[b],
                        sumY[b] / count[b]));
            }
        }
        return out;
    }

    private static Integer[] sortedIndices(double[] p, boolean descending) {
        Integer[] idx = new Integer[p.length];
        Arrays.setAll(idx, i -> i);
        Comparator<Integer> c = Comparator.comparingDouble(i -> p[i]);
        Arrays.sort(idx, descending ? c.reversed() : c);
        return idx;
    }

    /** Scalar metrics by name, for the model registry. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rows", (double) rows);
        m.put("positives", (double) positives);
        m.put("auc", auc);
        m.put("threshold", threshold);
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("f1", f1);
        m.put("brier", brier);
        m.put("lift_top_decile", liftTopDecile);
        return m;
    }
}
