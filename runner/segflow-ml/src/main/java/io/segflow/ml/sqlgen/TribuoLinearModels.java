package io.segflow.ml.sqlgen;

import java.util.List;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.common.sgd.AbstractLinearSGDModel;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.regression.Regressor;

/**
 * Extracts {@link LinearModel}s from Tribuo linear SGD models. Tribuo stores weights as [outputs x (features + 1)]
 * with the bias in the last column, features in its own (sorted-name) id order.
 */
public final class TribuoLinearModels {
    private TribuoLinearModels() {
    }

    /**
     * Binary logistic regression (Tribuo's softmax over two labels): P(positive) = 1 / (1 + exp(-(z_pos - z_neg))).
     */
    public static LinearModel binaryLogistic(org.tribuo.classification.sgd.linear.LinearSGDModel model,
                                             String positiveLabel, List<String> featureNames) {
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        if (outputs.size() != 2) {
            throw new IllegalArgumentException("expected a binary model, got " + outputs.size() + " labels");
        }
        int pos = outputs.getID(new Label(positiveLabel));
        if (pos < 0) {
            throw new IllegalArgumentException("label " + positiveLabel + " not in model");
        }
        return difference(model, pos, 1 - pos, featureNames);
    }

    /** Single-output linear regression. */
    public static LinearModel regression(org.tribuo.regression.sgd.linear.LinearSGDModel model,
                                         List<String> featureNames) {
        ImmutableOutputInfo<Regressor> outputs = model.getOutputIDInfo();
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("expected one regression output, got " + outputs.size());
        }
        return difference(model, 0, -1, featureNames);
    }

    private static LinearModel difference(AbstractLinearSGDModel<?> model, int row, int minusRow, List<String> names) {
        DenseMatrix w = model.getWeightsCopy();
        ImmutableFeatureMap fmap = model.getFeatureIDMap();
        int bias = w.getDimension2Size() - 1;
        double[] weights = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            int id = fmap.getID(names.get(j));
            weights[j] = id < 0 ? 0 : w.get(row, id) - (minusRow < 0 ? 0 : w.get(minusRow, id));
        }
        double intercept = w.get(row, bias) - (minusRow < 0 ? 0 : w.get(minusRow, bias));
        return new LinearModel(names, weights, intercept);
    }
}
