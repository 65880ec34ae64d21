package io.segflow.ml.propensity;

import io.segflow.ml.pull.FeatureMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Stratified k-fold cross-validation of a propensity trainer: each class is dealt round-robin into the folds in
 * the order of a seeded hash of the entity id, so every fold keeps the class balance and the folds are the same on
 * every run. Reports the AUC of each held-out fold.
 */
public record CrossValidation(double[] foldAuc) {
    public static CrossValidation run(FeatureMatrix m, int folds, long seed, Function<FeatureMatrix, PropensityModel> trainer) {
        if (folds < 2) throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        int[] fold = new int[m.rows()];
        for (List<Integer> rows : TrainTestSplit.byClass(m, seed)) {
            for (int i = 0; i < rows.size(); i++) fold[rows.get(i)] = i % folds;
        }
        double[] auc = new double[folds];
        for (int k = 0; k < folds; k++) {
            List<Integer> fit = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) (fold[i] == k ? held : fit).add(i);
            FeatureMatrix test = m.subset(held.stream().mapToInt(Integer::intValue).toArray());
            PropensityModel model = trainer.apply(m.subset(fit.stream().mapToInt(Integer::intValue).toArray()));
            double[] y = new double[test.rows()];
            for (int i = 0; i < y.length; i++) y[i] = test.label(i);
            auc[k] = BinaryMetrics.auc(model.predict(test), y);
        }
        return new CrossValidation(auc);
    }

    public double mean() {
        return Arrays.stream(foldAuc).average().orElse(Double.NaN);
    }

    /** Sample standard deviation of the fold AUCs. */
    public double sd() {
        double mean = mean();
        double ss = Arrays.stream(foldAuc).map(a -> (a - mean) * (a - mean)).sum();
        return Math.sqrt(ss / (foldAuc.length - 1));
    }
}
