package io.segflow.ml.clv;

import io.segflow.ml.math.LogParameterOptimizer;
import java.util.List;

/** Maximum-likelihood fit of {@link BgNbdModel}. */
public final class BgNbdFitter {
    private static final double[] START = {1.0, 1.0, 1.0, 1.0};

    private BgNbdFitter() {
    }

    /** Fitted model with its total log-likelihood. */
    public record Fit(BgNbdModel model, double logLikelihood, int evaluations) {
    }

    /** Fits r, alpha, a, b by maximising the summed log-likelihood over {@code customers}. */
    public static Fit fit(List<CustomerRfm> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("BG/NBD needs at least one customer");
        }
        int n = customers.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        for (int i = 0; i < n; i++) {
            CustomerRfm c = customers.get(i);
            x[i] = c.frequency();
            tx[i] = c.recency();
            age[i] = c.age();
        }
        LogParameterOptimizer.Result result = LogParameterOptimizer.maximise(p -> {
            BgNbdModel m = new BgNbdModel(p[0], p[1], p[2], p[3]);
            double ll = 0;
            for (int i = 0; i < n; i++) {
                ll += m.logLikelihood(x[i], tx[i], age[i]);
            }
            return ll;
        }, START);
        double[] p = result.parameters();
        return new Fit(new BgNbdModel(p[0], p[1], p[2], p[3]), result.value(), result.evaluations());
    }
}
