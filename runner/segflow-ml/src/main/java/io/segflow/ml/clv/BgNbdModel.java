package io.segflow.ml.clv;

import io.segflow.ml.math.Hypergeometric;
import io.segflow.ml.math.LogSumExp;
import org.apache.commons.math3.special.Gamma;

/**
 * A fitted BG/NBD model (Fader, Hardie &amp; Lee 2005): purchase rate ~ Gamma(r, alpha), dropout probability after
 * each purchase ~ Beta(a, b).
 */
public record BgNbdModel(double r, double alpha, double a, double b) {

    /** Log-likelihood of one customer's (x, t_x, T). */
    public double logLikelihood(int x, double tx, double age) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double a3 = -(r + x) * Math.log(alpha + age);
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        return a1 + a2 + LogSumExp.of(a3, a4);
    }

    /** Probability that a customer with history (x, t_x, T) is still active at T. */
    public double probabilityAlive(int x, double tx, double age) {
        if (x == 0) {
            return 1.0;
        }
        double logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + age) / (alpha + tx));
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    /**
     * Expected number of purchases in (T, T + t] given history (x, t_x, T) (FHL 2005 eq. 10). The 2F1 factor is
     * evaluated after Euler's transformation, (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z)
     * = (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z), whose series neither overflows nor converges slowly for large x.
     */
    public double expectedPurchases(double t, int x, double tx, double age) {
        if (t <= 0) {
            return 0.0;
        }
        double z = t / (alpha + age + t);
        double c = a + b + x - 1;
        double scaledHyp = Math.pow(1 - z, a - 1) * Hypergeometric.hyp2f1(a + b - 1 - r, a - 1, c, z);
        double numerator = c / (a - 1) * (1 - scaledHyp);
        double denominator = 1 + (x > 0 ? a / (b + x - 1) * Math.pow((alpha + age) / (alpha + tx), r + x) : 0);
        return numerator / denominator;
    }

    /** Expected purchases by a newly acquired customer in (0, t] (FHL 2005 eq. 7). */
    public double expectedPurchasesNewCustomer(double t) {
        if (t <= 0) {
            return 0.0;
        }
        double z = t / (alpha + t);
        // Same Euler transformation as above: (1-z)^r 2F1(r, b; a+b-1; z) = (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b-1; z)
        double scaledHyp = Math.pow(1 - z, a - 1) * Hypergeometric.hyp2f1(a + b - 1 - r, a - 1, a + b - 1, z);
        return (a + b - 1) / (a - 1) * (1 - scaledHyp);
    }
}
