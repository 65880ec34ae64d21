package io.segflow.ml.explain;

import io.segflow.ml.propensity.BinaryMetrics;
import io.segflow.ml.propensity.PropensityModel;
import io.segflow.ml.propensity.PropensityTrainer;
import io.segflow.ml.propensity.TribuoRows;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.sqlgen.LinearModel;
import io.segflow.ml.sqlgen.TribuoLinearModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * The model card of a propensity model, stored in the registry's params: global importance (standardised
 * coefficients for logistic regression, XGBoost gain shares), permutation importance (AUC drop on the held-out
 * rows), the ROC curve and the lift by decile of the same rows.
 */
public final class PropensityCard {
    /** Shuffles per feature: enough to steady the AUC drop on a few thousand rows, cheap next to training. */
    static final int REPEATS = 3;
    /** Points kept of the ROC curve; the report draws it at this resolution. */
    static final int ROC_POINTS = 100;
    /** Held-out rows used for permutation importance (the split is already random or by time). */
    static final int MAX_ROWS = 5_000;

    private PropensityCard() {
    }

    /** Params entries: importance, permutation_importance, roc, lift (and coefficients for logistic). */
    public static Map<String, Object> of(PropensityModel model, FeatureMatrix test, double[] p, double[] y, long seed) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> names = model.featureNames();
        if (model.algorithm() == PropensityTrainer.Algorithm.LOGISTIC) {
            LinearModel lm = TribuoLinearModels.binaryLogistic((LinearSGDModel) model.tribuoModel(), TribuoRows.POSITIVE,
                    names);
            out.put("importance", importance("standardised_coefficient", "log-odds change per standard deviation",
                    names, lm.weights()));
            out.put("coefficients", rawCoefficients(lm, model.standardizer().means(), model.standardizer().stds()));
        } else {
            out.put("importance", importance("gain", "share of the total split gain", names, gainShares(
                    (XGBoostModel<Label>) model.tribuoModel(), names)));
        }
        double[][] rows = ClusterCard.head(test.toRows(), MAX_ROWS);
        double[] yRows = Arrays.copyOf(y, rows.length);
        Map<String, Double> perm = PermutationImportance.compute(names, rows, r -> BinaryMetrics.auc(predict(model, r), yRows),
                REPEATS, seed);
        out.put("permutation_importance", PermutationImportance.entry("auc", rows.length, REPEATS, perm));
        out.put("roc", roc(p, y));
        out.put("lift", lift(p, y));
        return out;
    }

    /** Feature -> value, largest |value| first, with what the numbers mean. */
    static Map<String, Object> importance(String method, String unit, List<String> names, double[] values) {
        Integer[] order = new Integer[names.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -Math.abs(values[j])).thenComparing(j -> j));
        Map<String, Double> v = new LinkedHashMap<>();
        for (int j : order) v.put(names.get(j), values[j]);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("unit", unit);
        m.put("values", v);
        return m;
    }

    /**
     * Coefficients per original unit: the model was fit on z-scores, so coefficient = standardised / stddev and
     * the intercept absorbs the means.
     */
    static Map<String, Object> rawCoefficients(LinearModel lm, double[] means, double[] stds) {
        double[] w = lm.weights();
        Map<String, Double> coef = new LinkedHashMap<>();
        double intercept = lm.intercept();
        for (int j = 0; j < w.length; j++) {
            double c = stds[j] == 0 ? 0 : w[j] / stds[j];
            coef.put(lm.featureNames().get(j), c);
            intercept -= c * means[j];
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intercept", intercept);
        m.put("per_unit", coef);
        return m;
    }

    /** Average gain of each feature's splits, as shares of their sum (0 for features no tree splits on). */
    static double[] gainShares(XGBoostModel<?> model, List<String> names) {
        Map<String, Double> gain = model.getFeatureImportance().get(0).getGain();
        double[] out = new double[names.size()];
        double total = 0;
        for (int j = 0; j < out.length; j++) {
            out[j] = gain.getOrDefault(names.get(j), 0.0);
            total += out[j];
        }
        if (total > 0) for (int j = 0; j < out.length; j++) out[j] /= total;
        return out;
    }

    /** One batch call: XGBoost builds one DMatrix per call, so row-by-row prediction would dominate training time. */
    private static double[] predict(PropensityModel model, double[][] rows) {
        LabelFactory factory = new LabelFactory();
        List<Example<Label>> examples = new ArrayList<>(rows.length);
        for (double[] row : rows) {
            examples.add(TribuoRows.unlabelled(factory, model.featureNames(), model.standardizer().transform(row)));
        }
        List<Prediction<Label>> predictions = model.tribuoModel().predict(examples);
        double[] out = new double[rows.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = predictions.get(i).getOutputScores().get(TribuoRows.POSITIVE).getScore();
        }
        return out;
    }

    /** [false positive rate, true positive rate] from the highest threshold down, at most ROC_POINTS + 1 points. */
    static List<double[]> roc(double[] p, double[] y) {
        Integer[] order = sortedDescending(p);
        long pos = Arrays.stream(y).filter(v -> v == 1.0).count();
        long neg = y.length - pos;
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        if (pos == 0 || neg == 0) return points;
        long tp = 0;
        long fp = 0;
        int step = Math.max(1, order.length / ROC_POINTS);
        for (int k = 0; k < order.length; k++) {
            if (y[order[k]] == 1.0) tp++;
            else fp++;
            boolean tieNext = k + 1 < order.length && p[order[k + 1]] == p[order[k]];
            if (!tieNext && ((k + 1) % step == 0 || k == order.length - 1)) {
                points.add(new double[] {(double) fp / neg, (double) tp / pos});
            }
        }
        if (points.get(points.size() - 1)[0] < 1) points.add(new double[] {1, 1});
        return points;
    }

    /** Per score decile (highest first): rows, positive rate and lift over the base rate. */
    static List<Map<String, Object>> lift(double[] p, double[] y) {
        Integer[] order = sortedDescending(p);
        double base = Arrays.stream(y).sum() / Math.max(1, y.length);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            int from = (int) Math.floor(order.length * d / 10.0);
            int to = (int) Math.floor(order.length * (d + 1) / 10.0);
            if (to <= from) continue;
            double hits = 0;
            for (int k = from; k < to; k++) hits += y[order[k]];
            double rate = hits / (to - from);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("decile", d + 1);
            m.put("rows", to - from);
            m.put("rate", rate);
            m.put("lift", base == 0 ? 0 : rate / base);
            out.add(m);
        }
        return out;
    }

    private static Integer[] sortedDescending(double[] p) {
        Integer[] idx = new Integer[p.length];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -p[i]));
        return idx;
    }
}
