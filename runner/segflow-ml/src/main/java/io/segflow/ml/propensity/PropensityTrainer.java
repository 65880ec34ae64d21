package io.segflow.ml.propensity;

import io.segflow.ml.TrainingDataException;
import io.segflow.ml.TrainingDataException.Reason;
import io.segflow.ml.cluster.Standardizer;
import io.segflow.ml.pull.FeatureMatrix;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * Trains churn / lookalike propensity models on pulled rows whose label is 0/1: Tribuo XGBoost (missing values
 * allowed, no standardisation) or logistic regression (z-scored inputs, no missing values).
 */
public final class PropensityTrainer {
    public enum Algorithm { XGBOOST, LOGISTIC }

    private final Algorithm algorithm;
    private final int rounds;
    private final long seed;

    /** @param rounds boosting rounds (XGBoost) or epochs (logistic) */
    public PropensityTrainer(Algorithm algorithm, int rounds, long seed) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be positive");
        }
        this.algorithm = algorithm;
        this.rounds = rounds;
        this.seed = seed;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public PropensityModel train(FeatureMatrix train) {
        requireTwoClasses(train);
        if (algorithm == Algorithm.XGBOOST) {
            // eta 0.1, depth 4, no L1, L2 1, full rows/columns, 1 thread: deterministic for a given seed
            XGBoostClassificationTrainer t = new XGBoostClassificationTrainer(rounds, 0.1, 0, 4, 1, 1, 1, 1, 0, 1,
                    true, seed);
            Model<Label> model = t.train(TribuoRows.classification(train), Map.of());
            return new PropensityModel(algorithm, model, Standardizer.identity(train.featureNames()));
        }
        requireNoMissing(train);
        double[][] rows = train.toRows();
        Standardizer s = Standardizer.fit(train.featureNames(), rows);
        FeatureMatrix z = FeatureMatrix.of(train.featureNames(), s.transform(rows), null, labels(train), null);
        LinearSGDTrainer t = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), rounds, seed);
        return new PropensityModel(algorithm, t.train(TribuoRows.classification(z)), s);
    }

    static void requireTwoClasses(FeatureMatrix m) {
        if (!m.hasLabels()) {
            throw new IllegalArgumentException("propensity training needs a label");
        }
        if (m.rows() == 0) {
            throw new TrainingDataException(Reason.NO_ROWS, null, "no training rows");
        }
        double first = m.label(0);
        for (int i = 0; i < m.rows(); i++) {
            TribuoRows.label(m.label(i)); // 0/1 check
            if (m.label(i) != first) {
                return;
            }
        }
        throw new TrainingDataException(Reason.SINGLE_CLASS, "label", "every one of the " + m.rows()
                + " training rows has label " + (first == 1.0 ? "1" : "0") + "; a propensity model needs both"
                + " outcomes: check the label expression and its time window");
    }

    private static void requireNoMissing(FeatureMatrix m) {
        for (int j = 0; j < m.columns(); j++) {
            for (int i = 0; i < m.rows(); i++) {
                if (Double.isNaN(m.get(i, j))) {
                    throw new TrainingDataException(Reason.NULLS_NOT_ALLOWED, m.featureNames().get(j), "feature "
                            + m.featureNames().get(j) + " has missing values; logistic regression needs an impute or"
                            + " drop null policy (keep_missing is for xgboost)");
                }
            }
        }
    }

    private static double[] labels(FeatureMatrix m) {
        double[] l = new double[m.rows()];
        for (int i = 0; i < l.length; i++) {
            l[i] = m.label(i);
        }
        return l;
    }
}
