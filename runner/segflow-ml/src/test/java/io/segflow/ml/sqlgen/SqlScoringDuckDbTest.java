package io.segflow.ml.sqlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.ml.TestData;
import io.segflow.ml.cluster.CovarianceType;
import io.segflow.ml.cluster.GaussianMixtureModel;
import io.segflow.ml.cluster.GaussianMixtureTrainer;
import io.segflow.ml.cluster.KMeansClustering;
import io.segflow.ml.cluster.Standardizer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Proves that compiled SQL scores every row of a real table exactly as the Java/Tribuo model does, on an embedded
 * DuckDB. Java-side inputs are read back from DuckDB so both sides see identical doubles.
 */
class SqlScoringDuckDbTest {
    static DuckDb db;

    @BeforeAll
    static void load() throws Exception {
        String mall = TestData.sqlPath("mall_customers/Mall_Customers.csv");
        String telco = TestData.sqlPath("telco_churn/telco_customer_churn.csv.gz");
        db = new DuckDb();
        db.execute("CREATE TABLE mall AS SELECT * FROM read_csv('" + mall + "', header = true)");
        db.execute("CREATE TABLE telco AS SELECT row_number() OVER () AS id, CAST(SeniorCitizen AS DOUBLE) AS senior,"
                + " CAST(tenure AS DOUBLE) AS tenure, CAST(MonthlyCharges AS DOUBLE) AS monthly,"
                + " TRY_CAST(TotalCharges AS DOUBLE) AS total, Churn AS churn FROM read_csv('" + telco
                + "', header = true, all_varchar = true)");
    }

    @AfterAll
    static void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    static final List<String> MALL_COLUMNS = List.of("\"Annual Income (k$)\"", "\"Spending Score (1-100)\"", "Age");
    static final List<String> MALL_NAMES = List.of("income", "score", "age");

    static double[][] features(List<double[]> rows, int from, int to) {
        return rows.stream().map(r -> Arrays.copyOfRange(r, from, to)).toArray(double[][]::new);
    }

    @Test
    void kMeansSqlAssignsEveryRowLikeTribuo() throws Exception {
        String cols = String.join(", ", MALL_COLUMNS);
        double[][] x = features(db.rows("SELECT " + cols + " FROM mall ORDER BY CustomerID"), 0, 3);
        KMeansClustering km = KMeansClustering.train(MALL_NAMES, x, 6, 300, 11, true, 5);
        String sql = KMeansSql.nearestCluster(new SqlFeatures(MALL_COLUMNS, km.standardizer()), km.centroidsStandardised());
        List<double[]> scored = db.rows("SELECT " + sql + " FROM mall ORDER BY CustomerID");
        assertEquals(200, scored.size());
        int[] expected = km.predict(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], (int) scored.get(i)[0], "row " + i);
        }
        assertEquals(6, Arrays.stream(expected).distinct().count());
    }

    @Test
    void kMeansSqlReturnsNullForNullInput() throws Exception {
        Standardizer s = Standardizer.identity(List.of("a", "b"));
        String sql = KMeansSql.nearestCluster(new SqlFeatures(List.of("a", "b"), s), new double[][] {{0, 0}, {5, 5}});
        List<double[]> r = db.rows("SELECT " + sql + " FROM (VALUES (1.0, 1.0), (4.0, 9.0), (NULL, 2.0)) t(a, b)");
        assertEquals(0, r.get(0)[0]);
        assertEquals(1, r.get(1)[0]);
        assertTrue(Double.isNaN(r.get(2)[0]));
    }

    @Test
    void gaussianMixtureSqlMatchesJavaComponentsAndProbabilities() throws Exception {
        String cols = String.join(", ", MALL_COLUMNS);
        double[][] x = features(db.rows("SELECT " + cols + " FROM mall ORDER BY CustomerID"), 0, 3);
        Standardizer s = Standardizer.fit(MALL_NAMES, x);
        double[][] z = s.transform(x);
        GaussianMixtureModel gmm = new GaussianMixtureTrainer(5, CovarianceType.DIAGONAL, 3).fit(z).model();
        SqlFeatures f = new SqlFeatures(MALL_COLUMNS, s);
        StringBuilder select = new StringBuilder(GaussianMixtureSql.mostLikelyComponent(f, gmm));
        for (int k = 0; k < gmm.components(); k++) {
            select.append(", ").append(GaussianMixtureSql.componentProbability(f, gmm, k));
        }
        List<double[]> scored = db.rows("SELECT " + select + " FROM mall ORDER BY CustomerID");
        double maxDiff = 0;
        for (int i = 0; i < z.length; i++) {
            assertEquals(gmm.predict(z[i]), (int) scored.get(i)[0], "row " + i);
            double[] p = gmm.predictProba(z[i]);
            for (int k = 0; k < p.length; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(p[k] - scored.get(i)[k + 1]));
            }
        }
        System.out.println("GMM SQL vs Java max |p diff| = " + maxDiff);
        assertTrue(maxDiff < 1e-9, "max diff " + maxDiff);
    }

    @Test
    void logisticRegressionSqlMatchesTribuoProbabilities() throws Exception {
        List<double[]> rows = db.rows("SELECT senior, tenure, monthly, CASE churn WHEN 'Yes' THEN 1 ELSE 0 END"
                + " FROM telco ORDER BY id");
        assertEquals(7043, rows.size());
        List<String> names = List.of("senior", "tenure", "monthly");
        double[][] x = features(rows, 0, 3);
        Standardizer s = Standardizer.fit(names, x);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("telco", factory), factory);
        String[] featureNames = names.toArray(String[]::new);
        for (double[] r : rows) {
            data.add(new ArrayExample<>(new Label(r[3] == 1 ? "Yes" : "No"), featureNames, s.transform(Arrays.copyOf(r, 3))));
        }
        LinearSGDModel model = new LogisticRegressionTrainer().train(data);
        LinearModel linear = TribuoLinearModels.binaryLogistic(model, "Yes", names);
        String sql = LinearModelSql.logisticProbability(new SqlFeatures(names, s), linear);
        List<double[]> scored = db.rows("SELECT " + sql + " FROM telco ORDER BY id");
        double maxDiff = 0;
        for (int i = 0; i < x.length; i++) {
            Example<Label> e = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, featureNames, s.transform(x[i]));
            double tribuo = model.predict(e).getOutputScores().get("Yes").getScore();
            maxDiff = Math.max(maxDiff, Math.abs(tribuo - scored.get(i)[0]));
        }
        System.out.println("logistic SQL vs Tribuo max |p diff| = " + maxDiff + ", weights " + Arrays.toString(linear.weights()));
        assertTrue(maxDiff < 1e-9, "max diff " + maxDiff);
        assertTrue(linear.weights()[1] < 0, "longer tenure should lower churn probability");
    }

    @Test
    void linearRegressionSqlMatchesTribuoPredictions() throws Exception {
        List<double[]> rows = db.rows("SELECT tenure, monthly, total FROM telco WHERE total IS NOT NULL ORDER BY id");
        List<String> names = List.of("tenure", "monthly");
        double[][] x = features(rows, 0, 2);
        Standardizer s = Standardizer.fit(names, x);
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("telco", factory), factory);
        String[] featureNames = names.toArray(String[]::new);
        for (double[] r : rows) {
            data.add(new ArrayExample<>(new Regressor("total", r[2]), featureNames, s.transform(Arrays.copyOf(r, 2))));
        }
        org.tribuo.regression.sgd.linear.LinearSGDModel model =
                new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(50.0), 30, 1L).train(data);
        LinearModel linear = TribuoLinearModels.regression(model, names);
        String sql = LinearModelSql.linearPredictor(new SqlFeatures(names, s), linear);
        List<double[]> scored = db.rows("SELECT " + sql + " FROM telco WHERE total IS NOT NULL ORDER BY id");
        assertEquals(7032, scored.size());
        double maxRel = 0;
        for (int i = 0; i < x.length; i++) {
            Example<Regressor> e = new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, featureNames, s.transform(x[i]));
            double tribuo = model.predict(e).getOutput().getValues()[0];
            maxRel = Math.max(maxRel, Math.abs(tribuo - scored.get(i)[0]) / Math.max(1, Math.abs(tribuo)));
        }
        System.out.println("linear SQL vs Tribuo max rel diff = " + maxRel + ", weights " + Arrays.toString(linear.weights())
                + " intercept " + linear.intercept());
        assertTrue(maxRel < 1e-9, "max rel diff " + maxRel);
        assertTrue(linear.weights()[0] > 0 && linear.weights()[1] > 0);
    }
}
