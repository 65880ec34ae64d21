package io.segflow.bigquery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zetasql.Analyzer;
import io.segflow.ml.cluster.CovarianceType;
import io.segflow.ml.cluster.GaussianMixtureModel;
import io.segflow.ml.cluster.GaussianMixtureTrainer;
import io.segflow.ml.cluster.KMeansClustering;
import io.segflow.ml.cluster.Standardizer;
import io.segflow.ml.propensity.PropensityModel;
import io.segflow.ml.propensity.PropensityTrainer;
import io.segflow.ml.propensity.Tiers;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.sqlgen.GaussianMixtureSql;
import io.segflow.ml.sqlgen.KMeansSql;
import io.segflow.ml.sqlgen.SqlFeatures;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Model segments get their scoring SQL only after training, so the example-project test cannot list it. Here real
 * models (k-means, diagonal GMM, logistic regression, XGBoost) are trained on synthetic rows and the SQL segflow
 * generates to score them in BigQuery (feature expressions as the scoring step builds them, cluster assignment,
 * probabilities, threshold and quantile tiers) is analysed by ZetaSQL.
 */
class BigQueryModelScoringSqlTest {
    private static final List<String> FEATURES = List.of("orders_count", "total_revenue", "days_since_last_order");

    @Test
    void everyModelScoringExpressionIsValidBigQuery() {
        ZetaSqlCatalog catalog = new ZetaSqlCatalog();
        RelationName table = RelationName.of("analytics", "customer_features");
        catalog.add(table, List.of(ColumnDef.of("customer_id", "BIGINT"), ColumnDef.of("orders_count", "BIGINT"),
                ColumnDef.of("total_revenue", "DOUBLE"), ColumnDef.of("days_since_last_order", "BIGINT")));
        String from = new BigQueryStatements(ZetaSqlCatalog.PROJECT).render(table);

        BigQueryFlavor d = BigQueryFlavor.INSTANCE;
        List<String> columns = new ArrayList<>();
        for (String f : FEATURES) columns.add("COALESCE(" + d.nanToNull(d.toDouble(BigQueryStatements.quote(f))) + ", 0.0)");

        SplittableRandom r = new SplittableRandom(3);
        double[][] rows = new double[400][3];
        double[] labels = new double[rows.length];
        Object[] ids = new Object[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int g = i % 3;
            rows[i] = new double[] {1 + g * 4 + r.nextDouble(), 50 + g * 300 + r.nextDouble() * 40, 300 - g * 90 + r.nextDouble() * 20};
            labels[i] = rows[i][2] > 200 ? 1 : 0;
            ids[i] = (long) i;
        }
        KMeansClustering km = KMeansClustering.train(FEATURES, rows, 3, 50, 1, true);
        Standardizer s = Standardizer.fit(FEATURES, rows);
        double[][] z = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) z[i] = s.transform(rows[i]);
        GaussianMixtureModel gmm = new GaussianMixtureTrainer(3, CovarianceType.DIAGONAL, 1).fit(z).model();
        FeatureMatrix m = FeatureMatrix.of(FEATURES, rows, ids, labels, null);
        PropensityModel logistic = new PropensityTrainer(PropensityTrainer.Algorithm.LOGISTIC, 5, 1).train(m);
        // few trees: the ZetaSQL client ships the resolved tree as protobuf, whose nesting limit a long sum of
        // trees exceeds ("Failed to read message"); the SQL shape does not change with the number of trees
        PropensityModel xgboost = new PropensityTrainer(PropensityTrainer.Algorithm.XGBOOST, 4, 1).train(m);

        Map<String, String> expressions = new LinkedHashMap<>();
        expressions.put("k-means cluster", KMeansSql.nearestCluster(new SqlFeatures(columns, km.standardizer()),
                km.centroidsStandardised()));
        expressions.put("gmm component", GaussianMixtureSql.mostLikelyComponent(new SqlFeatures(columns, s), gmm));
        expressions.put("gmm probability", GaussianMixtureSql.componentProbability(new SqlFeatures(columns, s), gmm, 0));
        expressions.put("logistic probability", logistic.toSql(columns));
        expressions.put("xgboost probability", xgboost.toSql(columns));
        expressions.put("threshold tiers", Tiers.thresholdSql(xgboost.toSql(columns), 0.75, "likely_churn", "likely_stay"));
        expressions.put("quantile tiers", Tiers.quantileTiersSql(logistic.toSql(columns), "`customer_id`",
                List.of("high", "medium", "low")));

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            String sql = "SELECT `customer_id` AS entity_id, " + e.getValue() + " AS score FROM " + from;
            try {
                Analyzer.analyzeStatement(sql, catalog.options, catalog.root);
            } catch (RuntimeException ex) {
                failures.add(e.getKey() + ": " + ex.getMessage() + "\n" + sql.substring(0, Math.min(sql.length(), 600)));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
        System.out.println("ZetaSQL analysed " + expressions.size() + " BigQuery model-scoring statements");
    }
}
