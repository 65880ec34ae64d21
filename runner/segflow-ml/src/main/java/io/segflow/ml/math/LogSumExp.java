package io.segflow.ml.math;

/** Numerically stable log(sum(exp(v))). */
public final class LogSumExp {
    private LogSumExp() {
    }

    /** log(sum_i exp(values[i])); -infinity for an empty array or all -infinity. */
    public static double of(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max;
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** log(exp(a) + exp(b)). */
    public static double of(double a, double b) {
        double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }
}
