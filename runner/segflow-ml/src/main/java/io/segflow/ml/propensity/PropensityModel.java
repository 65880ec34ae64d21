package io.segflow.ml.propensity;

import io.segflow.ml.cluster.Standardizer;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.sqlgen.LinearModelSql;
import io.segflow.ml.sqlgen.SqlFeatures;
import io.segflow.ml.sqlgen.TribuoLinearModels;
import io.segflow.ml.sqlgen.XGBoostSql;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.common.xgboost.XGBoostModel;

/** A trained binary propensity model: the Tribuo model plus the standardisation applied to its inputs. */
public record PropensityModel(PropensityTrainer.Algorithm algorithm, Model<Label> tribuoModel,
                              Standardizer standardizer) {
    private static final LabelFactory FACTORY = new LabelFactory();

    public List<String> featureNames() {
        return standardizer.featureNames();
    }

    /** P(label = 1) for one row in original units (NaN = missing, XGBoost only). */
    public double predict(double[] row) {
        double[] z = standardizer.transform(row);
        return tribuoModel.predict(TribuoRows.unlabelled(FACTORY, featureNames(), z)).getOutputScores()
                .get(TribuoRows.POSITIVE).getScore();
    }

    public double[] predict(FeatureMatrix m) {
        double[] out = new double[m.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = predict(m.row(i));
        }
        return out;
    }

    /** The probability as a SQL expression over one SQL expression per feature (NULL = missing for XGBoost). */
    @SuppressWarnings("unchecked")
    public String toSql(List<String> columnExpressions) {
        SqlFeatures features = new SqlFeatures(columnExpressions, standardizer);
        return switch (algorithm) {
            case XGBOOST -> XGBoostSql.probability((XGBoostModel<Label>) tribuoModel, TribuoRows.POSITIVE, features);
            case LOGISTIC -> LinearModelSql.logisticProbability(features, TribuoLinearModels.binaryLogistic(
                    (LinearSGDModel) tribuoModel, TribuoRows.POSITIVE, featureNames()));
        };
    }
}
