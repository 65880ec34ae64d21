package io.segflow.ml.propensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.ml.TelcoTable;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.pull.FeaturePull;
import io.segflow.ml.pull.FeatureSpec;
import io.segflow.ml.pull.NullPolicy;
import io.segflow.spi.WarehouseAdapter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The static-label path on Telco (one row per customer, label = its Churn column): stratified split and k-fold CV. */
class StratifiedValidationTest {
    static WarehouseAdapter db;
    static FeatureMatrix telco;

    @BeforeAll
    static void load() {
        db = TelcoTable.open();
        telco = FeaturePull.of("telco", "customer_id", PropensityTrainerTest.NAMES.stream()
                        .map(n -> FeatureSpec.of(n, NullPolicy.IMPUTE_MEAN)).toList())
                .withLabel("churned").withSample(TelcoTable.ROWS, 5).pull(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static int positives(FeatureMatrix m) {
        int n = 0;
        for (int i = 0; i < m.rows(); i++) n += (int) m.label(i);
        return n;
    }

    @Test
    void stratifiedSplitKeepsTheChurnRateInBothPartsAndIsStable() {
        assertEquals(TelcoTable.ROWS, telco.rows());
        int churners = positives(telco);
        assertEquals(1869, churners, "IBM Telco has 1,869 churners");
        TrainTestSplit split = TrainTestSplit.stratified(telco, 0.25, 7);
        assertEquals(Math.round(churners * 0.25), positives(split.test()));
        assertEquals(Math.round((TelcoTable.ROWS - churners) * 0.25), split.test().rows() - positives(split.test()));
        assertEquals(TelcoTable.ROWS, split.train().rows() + split.test().rows());
        Set<Object> testIds = new HashSet<>();
        for (int i = 0; i < split.test().rows(); i++) testIds.add(split.test().entityId(i));
        for (int i = 0; i < split.train().rows(); i++) assertTrue(!testIds.contains(split.train().entityId(i)));
        assertTrue(split.method().startsWith("stratified by label"), split.method());

        TrainTestSplit again = TrainTestSplit.stratified(telco, 0.25, 7);
        assertEquals(split.test().sampleHash(), again.test().sampleHash(), "same seed, same split");
        assertNotEquals(split.test().sampleHash(), TrainTestSplit.stratified(telco, 0.25, 8).test().sampleHash());
    }

    @Test
    void fiveFoldCrossValidationOfLogisticRegressionIsStableAndInTheKnownAucRange() {
        TrainTestSplit split = TrainTestSplit.stratified(telco, 0.25, 7);
        PropensityTrainer trainer = new PropensityTrainer(PropensityTrainer.Algorithm.LOGISTIC, 20, 7);
        CrossValidation cv = CrossValidation.run(split.train(), 5, 7, trainer::train);
        System.out.println("Telco logistic 5-fold CV AUC " + Arrays.toString(cv.foldAuc()) + " mean " + cv.mean()
                + " sd " + cv.sd());
        assertEquals(5, cv.foldAuc().length);
        // published logistic baselines on these Telco columns sit around 0.83-0.85 AUC
        for (double auc : cv.foldAuc()) assertTrue(auc > 0.78 && auc < 0.90, "fold AUC " + auc);
        assertTrue(cv.sd() > 0 && cv.sd() < 0.03, "sd " + cv.sd());
        assertArrayEquals(cv.foldAuc(), CrossValidation.run(split.train(), 5, 7, trainer::train).foldAuc(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(split.train(), 1, 7, trainer::train));
    }
}
