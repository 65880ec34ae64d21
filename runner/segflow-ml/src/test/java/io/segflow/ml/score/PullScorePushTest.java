package io.segflow.ml.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.ml.TelcoTable;
import io.segflow.ml.TrainingDataException.Reason;
import io.segflow.ml.TrainingDataException;
import io.segflow.ml.cluster.CovarianceType;
import io.segflow.ml.cluster.GaussianMixtureTrainer;
import io.segflow.ml.cluster.KMeansClustering;
import io.segflow.ml.propensity.PropensityModel;
import io.segflow.ml.propensity.PropensityTrainer;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.pull.FeaturePull;
import io.segflow.ml.pull.FeatureSpec;
import io.segflow.ml.pull.NullPolicy;
import io.segflow.ml.sqlgen.KMeansSql;
import io.segflow.ml.sqlgen.SqlFeatures;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PullScorePushTest {
    static final List<String> NAMES = List.of("tenure", "monthly");
    static WarehouseAdapter db;
    static KMeansClustering kmeans;

    @BeforeAll
    static void load() {
        db = TelcoTable.open();
        db.createSchemaIfMissing("scores");
        FeatureMatrix m = FeaturePull.of("telco", "customer_id", NAMES.stream()
                .map(n -> FeatureSpec.of(n, NullPolicy.FAIL)).toList()).rejectingConstantFeatures().pull(db);
        kmeans = KMeansClustering.train(NAMES, m.toRows(), 4, 100, 3, true, 3);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void pushedClusterIdsEqualInWarehouseSqlScoringForEveryRow() {
        long written = PullScorePush.run(db, "telco", "customer_id", NAMES, PullScorePush.kMeans(kmeans),
                List.of(ColumnDef.of("cluster", "BIGINT")), RelationName.of("scores", "kmeans"), 1000);
        assertEquals(TelcoTable.ROWS, written);
        String sql = KMeansSql.nearestCluster(new SqlFeatures(NAMES, kmeans.standardizer()),
                kmeans.centroidsStandardised());
        try (RowStream rs = db.query("SELECT COUNT(*), COUNT(*) FILTER (WHERE s.cluster = " + sql + "),"
                + " COUNT(DISTINCT s.cluster) FROM telco t JOIN scores.kmeans s USING (customer_id)")) {
            Object[] r = rs.next();
            assertEquals((long) TelcoTable.ROWS, r[0]);
            assertEquals((long) TelcoTable.ROWS, r[1], "Tribuo in the JVM and SQL in DuckDB agree on every row");
            assertEquals(4L, r[2]);
        }
    }

    @Test
    void propensityWithMissingValuesIsPushedBack() {
        List<String> names = List.of("tenure", "monthly", "total");
        FeatureMatrix m = FeaturePull.of("telco", "customer_id", names.stream().map(n -> FeatureSpec.of(n,
                n.equals("total") ? NullPolicy.KEEP_MISSING : NullPolicy.FAIL)).toList()).withLabel("churned").pull(db);
        PropensityModel model = new PropensityTrainer(PropensityTrainer.Algorithm.XGBOOST, 20, 1).train(m);
        PullScorePush.run(db, "telco", "customer_id", names, PullScorePush.propensity(model),
                List.of(ColumnDef.of("p_churn", "DOUBLE")), RelationName.of("scores", "churn"), 500);
        try (RowStream rs = db.query("SELECT MAX(ABS(s.p_churn - " + model.toSql(names) + ")), COUNT(*),"
                + " COUNT(*) FILTER (WHERE t.total IS NULL) FROM telco t JOIN scores.churn s USING (customer_id)")) {
            Object[] r = rs.next();
            assertTrue((Double) r[0] < 1e-6, "max diff " + r[0]);
            assertEquals((long) TelcoTable.ROWS, r[1]);
            assertEquals((long) TelcoTable.NULL_TOTALS, r[2]);
        }
    }

    @Test
    void featureMissingAtScoringTimeFailsBeforeWriting() {
        db.execute("CREATE OR REPLACE TABLE telco_new AS SELECT customer_id, tenure FROM telco");
        TrainingDataException e = assertThrows(TrainingDataException.class, () -> PullScorePush.run(db, "telco_new",
                "customer_id", NAMES, PullScorePush.kMeans(kmeans), List.of(ColumnDef.of("cluster", "BIGINT")),
                RelationName.of("scores", "never"), 100));
        assertEquals(Reason.FEATURE_MISSING, e.reason());
        assertEquals("column monthly not found in telco_new at scoring time; available columns: customer_id, tenure",
                e.getMessage());
        try (RowStream rs = db.query("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'never'")) {
            assertEquals(0L, rs.next()[0]);
        }
    }

    @Test
    void moreClustersThanRowsIsAClearError() {
        double[][] three = {{1, 2}, {2, 3}, {3, 5}};
        TrainingDataException e = assertThrows(TrainingDataException.class,
                () -> KMeansClustering.train(NAMES, three, 5, 10, 1, true));
        assertEquals(Reason.TOO_FEW_ROWS, e.reason());
        assertEquals("cannot form k=5 clusters from 3 rows: lower k or widen the sample", e.getMessage());
        assertThrows(TrainingDataException.class, () -> new GaussianMixtureTrainer(4, CovarianceType.DIAGONAL, 1)
                .fit(three));
    }
}
