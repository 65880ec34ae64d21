package io.segflow.ml.explain;

import io.segflow.ml.propensity.LtvRegressionTrainer;
import io.segflow.ml.propensity.TribuoRows;
import io.segflow.ml.pull.FeatureMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * The model card of an XGBoost value regression (LTV): gain shares and permutation importance as the increase of
 * the held-out RMSE when a feature is shuffled.
 */
public final class RegressionCard {
    private RegressionCard() {
    }

    public static Map<String, Object> of(LtvRegressionTrainer.LtvModel model, FeatureMatrix test, double[] actual, long seed) {
        List<String> names = model.featureNames();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("importance", PropensityCard.importance("gain", "share of the total split gain", names,
                PropensityCard.gainShares(model.tribuoModel(), names)));
        double[][] rows = ClusterCard.head(test.toRows(), PropensityCard.MAX_ROWS);
        double[] y = Arrays.copyOf(actual, rows.length);
        out.put("permutation_importance", PermutationImportance.entry("-rmse", rows.length, PropensityCard.REPEATS,
                PermutationImportance.compute(names, rows, r -> -rmse(predict(model, r), y), PropensityCard.REPEATS, seed)));
        return out;
    }

    private static double rmse(double[] p, double[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) s += (p[i] - y[i]) * (p[i] - y[i]);
        return Math.sqrt(s / Math.max(1, p.length));
    }

    private static double[] predict(LtvRegressionTrainer.LtvModel model, double[][] rows) {
        RegressionFactory factory = new RegressionFactory();
        List<Example<Regressor>> examples = new ArrayList<>(rows.length);
        for (double[] row : rows) examples.add(TribuoRows.unlabelled(factory, model.featureNames(), row));
        List<Prediction<Regressor>> predictions = model.tribuoModel().predict(examples);
        double[] out = new double[rows.length];
        for (int i = 0; i < out.length; i++) out[i] = predictions.get(i).getOutput().getValues()[0];
        return out;
    }
}
