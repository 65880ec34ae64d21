package io.segflow.ml.propensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.ml.TelcoTable;
import io.segflow.ml.TrainingDataException.Reason;
import io.segflow.ml.TrainingDataException;
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

/** Telco churn end to end: pull with cutoffs, time split, train, evaluate, score in SQL, tier. */
class PropensityTrainerTest {
    static final List<String> NAMES = List.of("senior", "tenure", "monthly", "total", "month_to_month", "paperless",
            "fiber", "tech_support", "echeck");
    static WarehouseAdapter db;

    @BeforeAll
    static void load() {
        db = TelcoTable.open();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static FeatureMatrix pull(NullPolicy totalPolicy) {
        return FeaturePull.of("telco", "customer_id", NAMES.stream()
                        .map(n -> FeatureSpec.of(n, n.equals("total") ? totalPolicy : NullPolicy.FAIL)).toList())
                .withLabel("churned").withCutoff("snapshot_date").withSample(10_000, 5).pull(db);
    }

    static List<String> columns() {
        return NAMES.stream().map(n -> "CAST(\"" + n + "\" AS DOUBLE)").toList();
    }

    @Test
    void xgboostAndLogisticRankChurnersAndScoreIdenticallyInSql() {
        for (PropensityTrainer.Algorithm algorithm : PropensityTrainer.Algorithm.values()) {
            FeatureMatrix all = pull(algorithm == PropensityTrainer.Algorithm.XGBOOST ? NullPolicy.KEEP_MISSING
                    : NullPolicy.IMPUTE_MEAN);
            TrainTestSplit split = TrainTestSplit.of(all, 0.3, 1);
            assertTrue(split.method().startsWith("time: train on cutoffs before 2024-03-01"), split.method());
            for (int i = 0; i < split.test().rows(); i++) {
                assertEquals("2024-03-01", split.test().cutoff(i));
            }
            PropensityModel model = new PropensityTrainer(algorithm, algorithm == PropensityTrainer.Algorithm.XGBOOST
                    ? 100 : 10, 3).train(split.train());
            double[] p = model.predict(split.test());
            double[] y = new double[p.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = split.test().label(i);
            }
            BinaryMetrics m = BinaryMetrics.evaluate(p, y, 0.5);
            System.out.println(algorithm + " on " + split.test().rows() + " held-out rows: " + m.asMap());
            assertTrue(m.auc() > 0.80, algorithm + " AUC " + m.auc());
            assertTrue(m.brier() < 0.16, algorithm + " Brier " + m.brier());
            assertTrue(m.liftTopDecile() > 2, algorithm + " lift " + m.liftTopDecile());
            assertEquals(split.test().rows(), m.calibration().stream().mapToInt(BinaryMetrics.CalibrationBin::count).sum());
            // well calibrated within a few points in the well-populated bins
            m.calibration().stream().filter(b -> b.count() > 150).forEach(b ->
                    assertTrue(Math.abs(b.meanPredicted() - b.observedRate()) < 0.1, algorithm + " " + b));

            Map<Object, Double> sql = new HashMap<>();
            String expr = model.toSql(columns());
            try (RowStream rs = db.query("SELECT customer_id, " + expr + " FROM telco WHERE snapshot_date = DATE '2024-03-01'"
                    + (algorithm == PropensityTrainer.Algorithm.LOGISTIC ? " AND total IS NOT NULL" : ""))) {
                rs.forEachRemaining(r -> sql.put(r[0], (Double) r[1]));
            }
            double maxDiff = 0;
            for (int i = 0; i < p.length; i++) {
                Double s = sql.get(split.test().entityId(i));
                if (s != null) {
                    maxDiff = Math.max(maxDiff, Math.abs(s - p[i]));
                }
            }
            assertTrue(sql.size() > 2000);
            assertTrue(maxDiff < 1e-6, algorithm + " SQL vs Tribuo " + maxDiff);
        }
    }

    @Test
    void singleClassLabelIsRejected() {
        FeatureMatrix loyal = FeaturePull.of("telco", "customer_id", List.of(FeatureSpec.of("tenure", NullPolicy.FAIL)))
                .withLabel("churned").withWhere("NOT churned").pull(db);
        TrainingDataException e = assertThrows(TrainingDataException.class,
                () -> new PropensityTrainer(PropensityTrainer.Algorithm.XGBOOST, 10, 1).train(loyal));
        assertEquals(Reason.SINGLE_CLASS, e.reason());
        assertTrue(e.getMessage().contains("every one of the 5174 training rows has label 0"), e.getMessage());
    }

    @Test
    void logisticRejectsMissingValues() {
        FeatureMatrix m = pull(NullPolicy.KEEP_MISSING);
        TrainingDataException e = assertThrows(TrainingDataException.class,
                () -> new PropensityTrainer(PropensityTrainer.Algorithm.LOGISTIC, 5, 1).train(m));
        assertEquals("total", e.feature());
    }

    @Test
    void oneCutoffFallsBackToASeededHashSplit() {
        FeatureMatrix m = FeaturePull.of("telco", "customer_id", List.of(FeatureSpec.of("tenure", NullPolicy.FAIL)))
                .withLabel("churned").withCutoff("snapshot_date").withWhere("snapshot_date = DATE '2024-01-01'").pull(db);
        TrainTestSplit s = TrainTestSplit.of(m, 0.25, 9);
        assertTrue(s.method().startsWith("hash of entity id"));
        double share = (double) s.test().rows() / m.rows();
        assertTrue(share > 0.22 && share < 0.28, "test share " + share);
        assertEquals(s.test().sampleHash(), TrainTestSplit.of(m, 0.25, 9).test().sampleHash());
    }

    @Test
    void aucMatchesHandComputedValueWithTies() {
        // pairs (pos, neg): (0.9 vs 0.1, 0.5, 0.5) -> 1 + 1 + 1 ; (0.5 vs 0.1, 0.5, 0.5) -> 1 + .5 + .5 ; 5/6
        double[] p = {0.9, 0.5, 0.1, 0.5, 0.5};
        double[] y = {1, 1, 0, 0, 0};
        assertEquals(5.0 / 6, BinaryMetrics.auc(p, y), 1e-12);
        BinaryMetrics m = BinaryMetrics.evaluate(p, y, 0.4);
        assertEquals(0.5, m.precision(), 1e-12);
        assertEquals(1.0, m.recall(), 1e-12);
        assertEquals((0.01 + 0.25 + 0.01 + 0.25 + 0.25) / 5, m.brier(), 1e-12);
        assertEquals(2.5, m.liftTopDecile(), 1e-12);
    }

    @Test
    void tiersByThresholdAndQuantileAgreeBetweenJavaAndSql() {
        double[] scores = {0.9, 0.2, 0.76, 0.5, 0.1, 0.75, 0.3};
        String[] java = Tiers.quantileTiers(scores, List.of("high", "medium", "low"));
        assertArrayEquals(new String[] {"high", "low", "high", "medium", "low", "high", "medium"}, java);
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < scores.length; i++) {
            values.append(i == 0 ? "" : ", ").append("(").append(i).append(", ").append(scores[i]).append(")");
        }
        String[] sql = new String[scores.length];
        String[] thresholded = new String[scores.length];
        try (RowStream rs = db.query("SELECT id, " + Tiers.quantileTiersSql("p", "id", List.of("high", "medium", "low"))
                + ", " + Tiers.thresholdSql("p", 0.75, "likely_churn", "stay") + " FROM (VALUES " + values + ") t(id, p)")) {
            rs.forEachRemaining(r -> {
                sql[((Number) r[0]).intValue()] = (String) r[1];
                thresholded[((Number) r[0]).intValue()] = (String) r[2];
            });
        }
        assertArrayEquals(java, sql);
        for (int i = 0; i < scores.length; i++) {
            assertEquals(Tiers.threshold(scores[i], 0.75, "likely_churn", "stay"), thresholded[i]);
        }
        assertEquals("stay", thresholded[5], "0.75 is not above 0.75");
    }

    @Test
    void equalScoresFallIntoTiersByEntityIdInJavaAndSql() {
        double[] scores = {0.5, 0.9, 0.5, 0.5, 0.5, 0.5, 0.5};
        List<String> names = List.of("high", "medium", "low");
        String[] expected = {"high", "high", "high", "medium", "medium", "low", "low"};
        assertArrayEquals(expected, Tiers.quantileTiers(scores, names));
        StringBuilder values = new StringBuilder();
        // listed in reverse so that the SQL cannot get the order from the input
        for (int i = scores.length - 1; i >= 0; i--) {
            values.append(values.length() == 0 ? "" : ", ").append("(").append(i).append(", ").append(scores[i]).append(")");
        }
        for (int run = 0; run < 3; run++) {
            String[] sql = new String[scores.length];
            try (RowStream rs = db.query("SELECT id, " + Tiers.quantileTiersSql("p", "id", names) + " FROM (VALUES "
                    + values + ") t(id, p)")) {
                rs.forEachRemaining(r -> sql[((Number) r[0]).intValue()] = (String) r[1]);
            }
            assertArrayEquals(expected, sql);
        }
    }
}
