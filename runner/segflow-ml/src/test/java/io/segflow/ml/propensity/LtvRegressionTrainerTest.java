package io.segflow.ml.propensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.ml.TestData;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.pull.FeaturePull;
import io.segflow.ml.pull.FeatureSpec;
import io.segflow.ml.pull.NullPolicy;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CDNOW (the 1/10 cohort sample, 2,357 customers): RFM features over the first 39 weeks (calibration) predict
 * spend in the following 39 weeks (holdout), so features are computed as of the cutoff and the label only from later
 * transactions.
 */
class LtvRegressionTrainerTest {
    @Test
    void xgboostLtvBeatsTheMeanAndScoresIdenticallyInSql() {
        String cdnow = TestData.sqlPath("cdnow/CDNOW_sample.txt.gz");
        try (WarehouseAdapter db = TestData.duckdb()) {
            db.execute("CREATE TABLE tx AS SELECT CAST(f[2] AS INTEGER) AS customer_id,"
                    + " strptime(f[3], '%Y%m%d')::DATE AS d, CAST(f[5] AS DOUBLE) AS dollars FROM ("
                    + " SELECT string_split_regex(trim(line, ' ' || chr(13)), '\\s+') AS f FROM read_csv('" + cdnow
                    + "', columns = {'line': 'VARCHAR'}, delim = '|', quote = '', header = false))");
            db.execute("CREATE TABLE ltv AS SELECT customer_id,"
                    + " COUNT(*) FILTER (WHERE d < DATE '1997-10-01') AS frequency,"
                    + " SUM(dollars) FILTER (WHERE d < DATE '1997-10-01') AS spend,"
                    + " date_diff('day', MAX(d) FILTER (WHERE d < DATE '1997-10-01'), DATE '1997-10-01') AS recency_days,"
                    + " date_diff('day', MIN(d), DATE '1997-10-01') AS age_days,"
                    + " COALESCE(SUM(dollars) FILTER (WHERE d >= DATE '1997-10-01'), 0) AS future_spend"
                    + " FROM tx GROUP BY customer_id");
            List<String> names = List.of("frequency", "spend", "recency_days", "age_days");
            FeatureMatrix m = FeaturePull.of("ltv", "customer_id",
                            names.stream().map(n -> FeatureSpec.of(n, NullPolicy.FAIL)).toList())
                    .withLabel("future_spend").withSample(30_000, 2).pull(db);
            TrainTestSplit split = TrainTestSplit.of(m, 0.3, 4);
            LtvRegressionTrainer.LtvModel model = new LtvRegressionTrainer(80, 1).train(split.train());
            double[] pred = model.predict(split.test());
            double[] actual = new double[pred.length];
            double[] meanPred = new double[pred.length];
            double trainMean = 0;
            for (int i = 0; i < split.train().rows(); i++) {
                trainMean += split.train().label(i) / split.train().rows();
            }
            for (int i = 0; i < actual.length; i++) {
                actual[i] = split.test().label(i);
                meanPred[i] = trainMean;
            }
            RegressionMetrics metrics = RegressionMetrics.evaluate(pred, actual);
            RegressionMetrics baseline = RegressionMetrics.evaluate(meanPred, actual);
            System.out.println("LTV XGBoost " + metrics.asMap() + " vs mean baseline " + baseline.asMap());
            assertTrue(metrics.rmse() < baseline.rmse(), "XGBoost must beat predicting the mean");
            // individual future spend is heavy-tailed (R2 stays small); the typical error still drops clearly
            assertTrue(metrics.mae() < 0.85 * baseline.mae(), "MAE " + metrics.mae() + " vs " + baseline.mae());
            assertTrue(metrics.r2() > 0, "R2 " + metrics.r2());

            Map<Object, Double> sql = new HashMap<>();
            try (RowStream rs = db.query("SELECT customer_id, " + model.toSql(names) + " FROM ltv")) {
                rs.forEachRemaining(r -> sql.put(r[0], (Double) r[1]));
            }
            double maxRel = 0;
            for (int i = 0; i < pred.length; i++) {
                maxRel = Math.max(maxRel, Math.abs(sql.get(split.test().entityId(i)) - pred[i]) / Math.max(1, Math.abs(pred[i])));
            }
            // XGBoost sums its 80 leaf values in float32, SQL in double: a few float ulps apart, no branch flips
            assertTrue(maxRel < 1e-5, "SQL vs Tribuo rel diff " + maxRel);
            assertEquals(2357, m.rows());
        }
    }
}
