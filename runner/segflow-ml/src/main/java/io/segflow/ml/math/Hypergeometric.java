package io.segflow.ml.math;

/** Gauss hypergeometric function 2F1 by its power series, for |z| < 1. */
public final class Hypergeometric {
    private static final int MAX_TERMS = 1_000_000;
    private static final double REL_TOL = 1e-16;

    private Hypergeometric() {
    }

    /**
     * 2F1(a, b; c; z) = sum_n (a)_n (b)_n / (c)_n z^n / n!.
     *
     * @throws ArithmeticException if |z| >= 1, c is a non-positive integer, or the series does not converge
     */
    public static double hyp2f1(double a, double b, double c, double z) {
        if (!(Math.abs(z) < 1.0)) {
            throw new ArithmeticException("2F1 series needs |z| < 1, got z=" + z);
        }
        if (c <= 0 && c == Math.rint(c)) {
            throw new ArithmeticException("2F1 undefined for non-positive integer c=" + c);
        }
        double term = 1.0;
        double sum = 1.0;
        double compensation = 0.0; // Kahan: terms can alternate in sign for negative a or b
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            double y = term - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
            if (term == 0.0) {
                return sum;
            }
            // Past the point where the term ratio settles below 1 the tail is bounded by a geometric series.
            if (n > Math.abs(a) + Math.abs(b) + Math.abs(c) && Math.abs(term) <= REL_TOL * Math.abs(sum) * (1 - Math.abs(z))) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1 series did not converge for a=" + a + " b=" + b + " c=" + c + " z=" + z);
    }
}
