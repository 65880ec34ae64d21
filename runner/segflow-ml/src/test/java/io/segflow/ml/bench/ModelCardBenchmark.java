package io.segflow.ml.bench;

import io.segflow.ml.explain.PropensityCard;
import io.segflow.ml.propensity.PropensityModel;
import io.segflow.ml.propensity.PropensityTrainer;
import io.segflow.ml.pull.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What a model card costs next to training: XGBoost (40 rounds) and logistic regression (10 epochs) on N x 10
 * synthetic rows, then the card (gain or coefficients, permutation importance over the held-out quarter with 3
 * shuffles, ROC and lift). Prints the ratio card / training per algorithm and one RESULT line.
 * Usage: ModelCardBenchmark [rows=20000]
 */
public final class ModelCardBenchmark {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < 10; j++) names.add("f" + j);
        FeatureMatrix train = data(names, n * 3 / 4, 1);
        FeatureMatrix test = data(names, n / 4, 2);
        double[] y = new double[test.rows()];
        for (int i = 0; i < y.length; i++) y[i] = test.label(i);
        StringBuilder result = new StringBuilder("RESULT rows=" + n);
        for (PropensityTrainer.Algorithm a : PropensityTrainer.Algorithm.values()) {
            long t0 = System.nanoTime();
            PropensityModel model = new PropensityTrainer(a, a == PropensityTrainer.Algorithm.XGBOOST ? 40 : 10, 1)
                    .train(train);
            double[] p = model.predict(test);
            long t1 = System.nanoTime();
            PropensityCard.of(model, test, p, y, 3);
            long t2 = System.nanoTime();
            double trainMs = (t1 - t0) / 1e6;
            double cardMs = (t2 - t1) / 1e6;
            String key = a.name().toLowerCase(Locale.ROOT);
            System.out.printf(Locale.ROOT, "%-8s train+evaluate %8.0f ms   model card %8.0f ms   card/train %.2fx%n", key,
                    trainMs, cardMs, cardMs / trainMs);
            result.append(String.format(Locale.ROOT, " %s_train_ms=%.0f %s_card_ms=%.0f %s_card_ratio=%.2f", key, trainMs,
                    key, cardMs, key, cardMs / trainMs));
        }
        System.out.println(result);
    }

    private static FeatureMatrix data(List<String> names, int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[rows][names.size()];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double eta = 0;
            for (int j = 0; j < names.size(); j++) {
                x[i][j] = r.nextGaussian();
                eta += x[i][j] / (j + 1);
            }
            y[i] = eta + r.nextGaussian() > 0 ? 1 : 0;
        }
        return FeatureMatrix.of(names, x, null, y, null);
    }
}
