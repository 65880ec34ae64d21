package io.segflow.ml.propensity;

import io.segflow.ml.pull.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Converts pulled rows to Tribuo examples. A missing value (NaN) is left out of the example, which XGBoost treats
 * as missing (its default direction) exactly like the compiled SQL treats NULL.
 */
public final class TribuoRows {
    public static final String POSITIVE = "1";
    public static final String NEGATIVE = "0";
    /** The regression output dimension name. */
    public static final String TARGET = "target";

    private TribuoRows() {
    }

    /** Features of row {@code i} as an example with the given output. */
    public static <T extends Output<T>> Example<T> example(T output, List<String> names, double[] row) {
        List<String> n = new ArrayList<>(row.length);
        List<Double> v = new ArrayList<>(row.length);
        for (int j = 0; j < row.length; j++) {
            if (!Double.isNaN(row[j])) {
                n.add(names.get(j));
                v.add(row[j]);
            }
        }
        return new ArrayExample<>(output, n.toArray(String[]::new), v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Binary labels: label value 1 (or true) is {@link #POSITIVE}, 0 is {@link #NEGATIVE}. */
    public static MutableDataset<Label> classification(FeatureMatrix m) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("segflow-pull:"
                + m.sampleHash(), factory), factory);
        for (int i = 0; i < m.rows(); i++) {
            data.add(example(label(m.label(i)), m.featureNames(), m.row(i)));
        }
        return data;
    }

    public static MutableDataset<Regressor> regression(FeatureMatrix m) {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("segflow-pull:"
                + m.sampleHash(), factory), factory);
        for (int i = 0; i < m.rows(); i++) {
            data.add(example(new Regressor(TARGET, m.label(i)), m.featureNames(), m.row(i)));
        }
        return data;
    }

    /** An unlabelled example for prediction. */
    public static <T extends Output<T>> Example<T> unlabelled(OutputFactory<T> factory, List<String> names,
                                                              double[] row) {
        return example(factory.getUnknownOutput(), names, row);
    }

    static Label label(double value) {
        if (value == 1.0) {
            return new Label(POSITIVE);
        }
        if (value == 0.0) {
            return new Label(NEGATIVE);
        }
        throw new io.segflow.ml.TrainingDataException(io.segflow.ml.TrainingDataException.Reason.BAD_VALUE, "label",
                "a propensity label must be 0/1 or a boolean, got " + value);
    }
}
