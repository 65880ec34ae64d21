package io.segflow.ml.propensity;

import java.util.LinkedHashMap;
import java.util.Map;

/** RMSE, MAE and R² (1 - SSE/SST; NaN when the outcomes are constant) of predictions against outcomes. */
public record RegressionMetrics(int rows, double rmse, double mae, double r2) {
    public static RegressionMetrics evaluate(double[] predicted, double[] actual) {
        if (predicted.length != actual.length || actual.length == 0) {
            throw new IllegalArgumentException("need as many predictions as outcomes, and at least one");
        }
        double mean = 0;
        for (double a : actual) {
            mean += a;
        }
        mean /= actual.length;
        double sse = 0;
        double sae = 0;
        double sst = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = predicted[i] - actual[i];
            sse += e * e;
            sae += Math.abs(e);
            sst += (actual[i] - mean) * (actual[i] - mean);
        }
        return new RegressionMetrics(actual.length, Math.sqrt(sse / actual.length), sae / actual.length,
                sst == 0 ? Double.NaN : 1 - sse / sst);
    }

    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rows", (double) rows);
        m.put("rmse", rmse);
        m.put("mae", mae);
        m.put("r2", r2);
        return m;
    }
}
