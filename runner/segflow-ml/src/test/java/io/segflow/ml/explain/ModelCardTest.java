package io.segflow.ml.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.ml.cluster.KMeansClustering;
import io.segflow.ml.cluster.Standardizer;
import io.segflow.ml.propensity.LtvRegressionTrainer;
import io.segflow.ml.propensity.PropensityModel;
import io.segflow.ml.propensity.PropensityTrainer;
import io.segflow.ml.pull.FeatureMatrix;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Model cards from real Tribuo training, checked against numbers derived independently of the card code. */
class ModelCardTest {
    static final List<String> NAMES = List.of("signal", "weak", "ignored");

    /** label = 1 when signal + 0.3 * weak + noise > 0; "ignored" is 0 in training, so no tree can split on it. */
    static FeatureMatrix data(int n, long seed, boolean ignoredVaries) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = r.nextGaussian();
            double w = r.nextGaussian() * 3 + 10;
            rows[i] = new double[] {s * 2 + 5, w, ignoredVaries ? r.nextGaussian() * 100 : 0};
            y[i] = s + 0.3 * (w - 10) / 3 + 0.5 * r.nextGaussian() > 0 ? 1 : 0;
        }
        return FeatureMatrix.of(NAMES, rows, null, y, null);
    }

    static double[] labels(FeatureMatrix m) {
        double[] y = new double[m.rows()];
        for (int i = 0; i < y.length; i++) y[i] = m.label(i);
        return y;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Double> values(Map<String, Object> card, String key) {
        return (Map<String, Double>) ((Map<String, Object>) card.get(key)).get("values");
    }

    @Test
    void xgboostGivesNoGainAndExactlyZeroPermutationImportanceToAFeatureItNeverSplitsOn() {
        PropensityModel model = new PropensityTrainer(PropensityTrainer.Algorithm.XGBOOST, 30, 1).train(data(3000, 1, false));
        FeatureMatrix test = data(1000, 2, true);
        Map<String, Object> card = PropensityCard.of(model, test, model.predict(test), labels(test), 3);
        Map<String, Double> gain = values(card, "importance");
        assertEquals(0.0, gain.get("ignored"));
        assertEquals(1.0, gain.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertTrue(gain.get("signal") > gain.get("weak"), gain.toString());
        Map<String, Double> perm = values(card, "permutation_importance");
        assertEquals(0.0, perm.get("ignored"));
        assertTrue(perm.get("signal") > 0.1, perm.toString());
        assertEquals(List.of("signal", "weak", "ignored"), List.copyOf(gain.keySet()), "largest first");
    }

    @Test
    void regressionCardGivesAnUnusedFeatureNoGainAndNoRmseIncrease() {
        FeatureMatrix train = data(2000, 6, false);
        double[] value = new double[train.rows()];
        for (int i = 0; i < value.length; i++) value[i] = 10 * train.get(i, 0) + train.get(i, 1);
        FeatureMatrix labelled = FeatureMatrix.of(NAMES, train.toRows(), null, value, null);
        LtvRegressionTrainer.LtvModel model = new LtvRegressionTrainer(30, 1).train(labelled);
        FeatureMatrix test = data(500, 7, true);
        double[] actual = new double[test.rows()];
        for (int i = 0; i < actual.length; i++) actual[i] = 10 * test.get(i, 0) + test.get(i, 1);
        Map<String, Object> card = RegressionCard.of(model, test, actual, 2);
        assertEquals(0.0, values(card, "importance").get("ignored"));
        assertEquals(0.0, values(card, "permutation_importance").get("ignored"));
        assertTrue(values(card, "permutation_importance").get("signal") > 1, card.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void logisticStandardisedCoefficientIsThePerUnitCoefficientTimesTheStddevAndReproducesTheScore() {
        FeatureMatrix train = data(3000, 4, true);
        PropensityModel model = new PropensityTrainer(PropensityTrainer.Algorithm.LOGISTIC, 20, 1).train(train);
        FeatureMatrix test = data(500, 5, true);
        Map<String, Object> card = PropensityCard.of(model, test, model.predict(test), labels(test), 3);
        Map<String, Double> standardised = values(card, "importance");
        Map<String, Object> coefficients = (Map<String, Object>) card.get("coefficients");
        Map<String, Double> perUnit = (Map<String, Double>) coefficients.get("per_unit");
        // the sample standard deviation computed here, not the trainer's standardizer
        Standardizer independent = Standardizer.fit(NAMES, train.toRows());
        for (int j = 0; j < NAMES.size(); j++) {
            String f = NAMES.get(j);
            assertEquals(standardised.get(f), perUnit.get(f) * independent.stds()[j], 1e-9, f);
        }
        // the per-unit coefficients are a logistic model in original units giving the same probabilities
        double intercept = (Double) coefficients.get("intercept");
        for (int i = 0; i < 20; i++) {
            double[] x = test.row(i);
            double eta = intercept;
            for (int j = 0; j < x.length; j++) eta += perUnit.get(NAMES.get(j)) * x[j];
            assertEquals(model.predict(x), 1 / (1 + Math.exp(-eta)), 1e-9);
        }
        assertTrue(Math.abs(standardised.get("signal")) > Math.abs(standardised.get("ignored")));
        List<double[]> roc = (List<double[]>) card.get("roc");
        assertEquals(0.0, roc.get(0)[1]);
        assertEquals(1.0, roc.get(roc.size() - 1)[0]);
        for (int k = 1; k < roc.size(); k++) assertTrue(roc.get(k)[0] >= roc.get(k - 1)[0] && roc.get(k)[1] >= roc.get(k - 1)[1]);
        List<Map<String, Object>> lift = (List<Map<String, Object>>) card.get("lift");
        assertEquals(10, lift.size());
        assertTrue((Double) lift.get(0).get("lift") > (Double) lift.get(9).get("lift"));
    }

    @Test
    void clusterImportanceIsTheWeightedCentroidZAndShufflingANoiseFeatureMovesFewRows() {
        SplittableRandom r = new SplittableRandom(9);
        double[][] rows = new double[900][];
        for (int i = 0; i < rows.length; i++) {
            int c = i % 3;
            rows[i] = new double[] {c * 10 + r.nextGaussian(), r.nextGaussian() * 0.01, 5 + r.nextGaussian() * 0.01};
        }
        KMeansClustering km = KMeansClustering.train(NAMES, rows, 3, 100, 1, false, 3);
        int[] labels = km.predict(rows);
        Standardizer sample = Standardizer.fit(NAMES, rows);
        double[][] z = new double[3][];
        double[] shares = new double[3];
        double[][] centroids = km.centroidsOriginalUnits();
        for (int c = 0; c < 3; c++) z[c] = sample.transform(centroids[c]);
        for (int l : labels) shares[l] += 1.0 / rows.length;
        Map<String, Object> card = ClusterCard.of(NAMES, z, shares, rows, km::predict, 1);
        Map<String, Double> importance = values(card, "importance");
        double expected = 0;
        for (int c = 0; c < 3; c++) expected += shares[c] * Math.abs(z[c][0]);
        assertEquals(expected, importance.get("signal"), 1e-12);
        Map<String, Double> perm = values(card, "permutation_importance");
        assertTrue(perm.get("signal") > 0.5, perm.toString());
        assertTrue(perm.get("weak") < 0.01 && perm.get("ignored") < 0.01, perm.toString());
    }
}
