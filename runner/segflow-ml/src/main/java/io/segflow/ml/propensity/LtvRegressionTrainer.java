package io.segflow.ml.propensity;

import io.segflow.ml.TrainingDataException;
import io.segflow.ml.TrainingDataException.Reason;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.cluster.Standardizer;
import io.segflow.ml.sqlgen.SqlFeatures;
import io.segflow.ml.sqlgen.XGBoostSql;
import java.util.List;
import java.util.Map;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/** LTV as XGBoost regression (squared error) on pulled rows whose label is the future value; the BG/NBD alternative. */
public final class LtvRegressionTrainer {
    /** A trained LTV regression. */
    public record LtvModel(XGBoostModel<Regressor> tribuoModel, List<String> featureNames) {
        private static final RegressionFactory FACTORY = new RegressionFactory();

        public double predict(double[] row) {
            return tribuoModel.predict(TribuoRows.unlabelled(FACTORY, featureNames, row)).getOutput().getValues()[0];
        }

        public double[] predict(FeatureMatrix m) {
            double[] out = new double[m.rows()];
            for (int i = 0; i < out.length; i++) {
                out[i] = predict(m.row(i));
            }
            return out;
        }

        public String toSql(List<String> columnExpressions) {
            return XGBoostSql.regression(tribuoModel, new SqlFeatures(columnExpressions,
                    Standardizer.identity(featureNames)));
        }
    }

    private final int rounds;
    private final long seed;

    public LtvRegressionTrainer(int rounds, long seed) {
        this.rounds = rounds;
        this.seed = seed;
    }

    public LtvModel train(FeatureMatrix train) {
        if (!train.hasLabels()) {
            throw new IllegalArgumentException("LTV regression needs a label (the future value)");
        }
        if (train.rows() < 2) {
            throw new TrainingDataException(Reason.TOO_FEW_ROWS, null, "LTV regression needs at least 2 rows, got "
                    + train.rows());
        }
        XGBoostRegressionTrainer t = new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.LINEAR,
                rounds, 0.1, 0, 4, 1, 1, 1, 1, 0, 1, true, seed);
        return new LtvModel(t.train(TribuoRows.regression(train), Map.of()), train.featureNames());
    }
}
