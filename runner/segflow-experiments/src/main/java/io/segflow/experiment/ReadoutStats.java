package io.segflow.experiment;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The readout's statistics from per-arm sufficient statistics (n and the sums of y, y², x, x², xy, where y is the
 * outcome and x the pre-period covariate), so the warehouse aggregates and only one row per arm is read.
 *
 * <ul>
 *   <li>rate, no CUPED: two-proportion z-test with the pooled proportion for the p-value; the 95% interval of the
 *       difference is the unpooled Wald interval.</li>
 *   <li>value, or any outcome with CUPED: Welch's t-test (Welch-Satterthwaite degrees of freedom) and its interval.</li>
 *   <li>relative uplift (difference / control mean): delta-method standard error, normal 95% interval.</li>
 *   <li>CUPED: y - θ(x - mean x) with θ = cov(x, y) / var(x) over all arms together.</li>
 * </ul>
 */
public final class ReadoutStats {
    private static final NormalDistribution NORMAL = new NormalDistribution();
    private static final double Z95 = NORMAL.inverseCumulativeProbability(0.975);

    /** Sufficient statistics of one arm. */
    public record ArmSums(String arm, long n, double sy, double syy, double sx, double sxx, double sxy) {
    }

    /** One arm's row; the uplift fields are NaN for the control arm. */
    public record ArmResult(String arm, boolean control, long n, double mean, double absUplift, double absLow,
                            double absHigh, double relUplift, double relLow, double relHigh, double pValue, String test) {
    }

    private ReadoutStats() {
    }

    public static List<ArmResult> compute(List<ArmSums> arms, String control, boolean rate, boolean cuped) {
        double theta = cuped ? theta(arms) : 0;
        double meanX = 0;
        long total = 0;
        for (ArmSums a : arms) {
            meanX += a.sx();
            total += a.n();
        }
        meanX = total == 0 ? 0 : meanX / total;
        ArmSums c = arms.stream().filter(a -> a.arm().equals(control)).findFirst().orElse(null);
        List<ArmResult> out = new ArrayList<>();
        for (ArmSums a : arms) {
            double mean = adjustedMean(a, theta, meanX);
            if (c == null || a == c) {
                out.add(new ArmResult(a.arm(), a == c, a.n(), mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, a == c ? "control" : "no control arm"));
                continue;
            }
            out.add(rate && !cuped ? proportions(a, c) : welch(a, c, theta, meanX, cuped));
        }
        return out;
    }

    private static ArmResult proportions(ArmSums t, ArmSums c) {
        double pt = t.sy() / t.n();
        double pc = c.sy() / c.n();
        double diff = pt - pc;
        double pooled = (t.sy() + c.sy()) / (t.n() + c.n());
        double se0 = Math.sqrt(pooled * (1 - pooled) * (1.0 / t.n() + 1.0 / c.n()));
        double p = se0 == 0 ? Double.NaN : 2 * NORMAL.cumulativeProbability(-Math.abs(diff / se0));
        double vt = pt * (1 - pt);
        double vc = pc * (1 - pc);
        double se = Math.sqrt(vt / t.n() + vc / c.n());
        double[] rel = relative(pt, pc, vt, t.n(), vc, c.n());
        return new ArmResult(t.arm(), false, t.n(), pt, diff, diff - Z95 * se, diff + Z95 * se, rel[0], rel[1], rel[2],
                p, "two-proportion z");
    }

    private static ArmResult welch(ArmSums t, ArmSums c, double theta, double meanX, boolean cuped) {
        double mt = adjustedMean(t, theta, meanX);
        double mc = adjustedMean(c, theta, meanX);
        double vt = adjustedVariance(t, theta);
        double vc = adjustedVariance(c, theta);
        double diff = mt - mc;
        double at = vt / t.n();
        double ac = vc / c.n();
        double se = Math.sqrt(at + ac);
        double df = (at + ac) * (at + ac) / (at * at / (t.n() - 1) + ac * ac / (c.n() - 1));
        double p = Double.NaN;
        double half = Double.NaN;
        if (se > 0 && df > 0) {
            TDistribution dist = new TDistribution(df);
            p = 2 * dist.cumulativeProbability(-Math.abs(diff / se));
            half = dist.inverseCumulativeProbability(0.975) * se;
        }
        double[] rel = relative(mt, mc, vt, t.n(), vc, c.n());
        return new ArmResult(t.arm(), false, t.n(), mt, diff, diff - half, diff + half, rel[0], rel[1], rel[2], p,
                cuped ? "Welch t (CUPED)" : "Welch t");
    }

    /** Relative uplift and its delta-method 95% interval; NaN when the control mean is 0. */
    private static double[] relative(double mt, double mc, double vt, long nt, double vc, long nc) {
        if (mc == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        double rel = mt / mc - 1;
        double se = Math.sqrt(vt / (nt * mc * mc) + mt * mt * vc / (nc * mc * mc * mc * mc));
        return new double[] {rel, rel - Z95 * se, rel + Z95 * se};
    }

    /** θ = cov(x, y) / var(x) over all arms; 0 when x does not vary. */
    static double theta(List<ArmSums> arms) {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (ArmSums a : arms) {
            n += a.n();
            sx += a.sx();
            sy += a.sy();
            sxx += a.sxx();
            sxy += a.sxy();
        }
        double varX = sxx - sx * sx / n;
        return n < 2 || varX <= 0 ? 0 : (sxy - sx * sy / n) / varX;
    }

    private static double adjustedMean(ArmSums a, double theta, double meanX) {
        return a.sy() / a.n() - theta * (a.sx() / a.n() - meanX);
    }

    /** Sample variance (n - 1) of y - θx within the arm. */
    private static double adjustedVariance(ArmSums a, double theta) {
        double n = a.n();
        double vy = (a.syy() - a.sy() * a.sy() / n) / (n - 1);
        double vx = (a.sxx() - a.sx() * a.sx() / n) / (n - 1);
        double cxy = (a.sxy() - a.sx() * a.sy() / n) / (n - 1);
        return vy - 2 * theta * cxy + theta * theta * vx;
    }
}
