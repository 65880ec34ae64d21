package io.segflow.ml.sqlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.ml.TelcoTable;
import io.segflow.ml.cluster.Standardizer;
import io.segflow.ml.propensity.TribuoRows;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.pull.FeaturePull;
import io.segflow.ml.pull.FeatureSpec;
import io.segflow.ml.pull.NullPolicy;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/** Every Telco row scored by compiled SQL in DuckDB equals Tribuo's own XGBoost prediction, NULL rows included. */
class XGBoostSqlTest {
    static final List<String> NAMES = List.of("senior", "tenure", "monthly", "total", "month_to_month", "paperless",
            "fiber", "tech_support", "echeck");
    static WarehouseAdapter db;
    static FeatureMatrix telco;

    @BeforeAll
    static void load() {
        db = TelcoTable.open();
        telco = FeaturePull.of("telco", "customer_id", NAMES.stream()
                .map(n -> FeatureSpec.of(n, n.equals("total") ? NullPolicy.KEEP_MISSING : NullPolicy.FAIL)).toList())
                .withLabel("churned").withSample(10_000, 1).pull(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static SqlFeatures sqlFeatures() {
        return new SqlFeatures(NAMES.stream().map(n -> "CAST(\"" + n + "\" AS DOUBLE)").toList(),
                Standardizer.identity(NAMES));
    }

    static Map<Object, Double> scoreInSql(String expression) {
        Map<Object, Double> out = new HashMap<>();
        try (RowStream rs = db.query("SELECT customer_id, " + expression + " FROM telco")) {
            rs.forEachRemaining(r -> out.put(r[0], (Double) r[1]));
        }
        return out;
    }

    @Test
    void classifierProbabilitiesMatchTribuoOnEveryRow() {
        assertEquals(TelcoTable.ROWS, telco.rows());
        XGBoostModel<Label> model = new XGBoostClassificationTrainer(60, 0.3, 0, 5, 1, 1, 1, 1, 0, 1, true, 7L)
                .train(TribuoRows.classification(telco));
        String sql = XGBoostSql.probability(model, TribuoRows.POSITIVE, sqlFeatures());
        Map<Object, Double> scored = scoreInSql(sql);
        LabelFactory f = new LabelFactory();
        double maxDiff = 0;
        int missingRows = 0;
        for (int i = 0; i < telco.rows(); i++) {
            double[] row = telco.row(i);
            missingRows += Double.isNaN(row[3]) ? 1 : 0;
            double tribuo = model.predict(TribuoRows.unlabelled(f, NAMES, row)).getOutputScores()
                    .get(TribuoRows.POSITIVE).getScore();
            maxDiff = Math.max(maxDiff, Math.abs(tribuo - scored.get(telco.entityId(i))));
        }
        System.out.println("XGBoost classification SQL vs Tribuo: " + XGBoostSql.of(model).trees() + " trees, max |p diff| = "
                + maxDiff + ", SQL length " + sql.length());
        assertEquals(TelcoTable.NULL_TOTALS, missingRows);
        assertTrue(maxDiff < 1e-6, "max diff " + maxDiff);
    }

    @Test
    void regressionPredictionsMatchTribuoOnEveryRow() {
        // predict monthly charges from the rest (a stand-in LTV-style regression target)
        List<String> names = NAMES.stream().filter(n -> !n.equals("monthly")).toList();
        FeatureMatrix m = FeaturePull.of("telco", "customer_id", names.stream()
                .map(n -> FeatureSpec.of(n, n.equals("total") ? NullPolicy.KEEP_MISSING : NullPolicy.FAIL)).toList())
                .withLabel("monthly").withSample(10_000, 1).pull(db);
        XGBoostModel<Regressor> model = new XGBoostRegressionTrainer(40).train(TribuoRows.regression(m), Map.of());
        SqlFeatures features = new SqlFeatures(names.stream().map(n -> "CAST(\"" + n + "\" AS DOUBLE)").toList(),
                Standardizer.identity(names));
        Map<Object, Double> scored = scoreInSql(XGBoostSql.regression(model, features));
        RegressionFactory f = new RegressionFactory();
        double maxRel = 0;
        for (int i = 0; i < m.rows(); i++) {
            double tribuo = model.predict(TribuoRows.unlabelled(f, names, m.row(i))).getOutput().getValues()[0];
            double sql = scored.get(m.entityId(i));
            maxRel = Math.max(maxRel, Math.abs(tribuo - sql) / Math.max(1, Math.abs(tribuo)));
        }
        System.out.println("XGBoost regression SQL vs Tribuo max rel diff = " + maxRel);
        assertTrue(maxRel < 1e-6, "max rel diff " + maxRel);
    }

    @Test
    void thresholdComparisonReproducesFloatRounding() {
        // 0.1f is 0.100000001490116...; doubles just below it still round to 0.1f, so they are NOT < threshold
        float t = 0.1f;
        XGBoostSql.Comparison c = XGBoostSql.comparison(t);
        double bound = Double.parseDouble(c.literal().replace("(", "").replace(")", ""));
        double[] probes = {0.1, Math.nextDown(bound), bound, Math.nextUp(bound), (double) t, Math.nextDown((double) t),
                0.09999999, 0.0999999940395355};
        for (double x : probes) {
            boolean xgboost = (float) x < t;
            boolean sql = c.inclusive() ? x <= bound : x < bound;
            assertEquals(xgboost, sql, "x = " + x);
        }
        assertEquals("1E-1", XGBoostSql.exponentLiteral(0.1));
        assertEquals("(-25E-2)", XGBoostSql.exponentLiteral(-0.25));
    }
}
