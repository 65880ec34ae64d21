package io.segflow.ml.clv;

import io.segflow.ml.math.LogParameterOptimizer;
import java.util.List;

/** Maximum-likelihood fit of {@link GammaGammaModel} on customers with at least one repeat purchase. */
public final class GammaGammaFitter {
    private static final double[] START = {1.0, 1.0, 1.0};

    private GammaGammaFitter() {
    }

    /** Fitted model, its log-likelihood and the number of customers used. */
    public record Fit(GammaGammaModel model, double logLikelihood, int customersUsed) {
    }

    /** Fits p, q, gamma; customers with frequency 0 or non-positive monetary value are skipped. */
    public static Fit fit(List<CustomerRfm> customers) {
        List<CustomerRfm> repeat = customers.stream()
                .filter(c -> c.frequency() > 0 && c.monetaryValue() > 0).toList();
        if (repeat.isEmpty()) {
            throw new IllegalArgumentException("Gamma-Gamma needs customers with repeat purchases and positive spend");
        }
        int n = repeat.size();
        int[] x = new int[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = repeat.get(i).frequency();
            m[i] = repeat.get(i).monetaryValue();
        }
        LogParameterOptimizer.Result result = LogParameterOptimizer.maximise(p -> {
            GammaGammaModel model = new GammaGammaModel(p[0], p[1], p[2]);
            double ll = 0;
            for (int i = 0; i < n; i++) {
                ll += model.logLikelihood(x[i], m[i]);
            }
            return ll;
        }, START);
        double[] p = result.parameters();
        return new Fit(new GammaGammaModel(p[0], p[1], p[2]), result.value(), n);
    }
}
