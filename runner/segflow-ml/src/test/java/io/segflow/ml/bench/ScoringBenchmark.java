package io.segflow.ml.bench;

import io.segflow.ml.TestData;
import io.segflow.ml.cluster.KMeansClustering;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.pull.FeaturePull;
import io.segflow.ml.pull.FeatureSpec;
import io.segflow.ml.pull.NullPolicy;
import io.segflow.ml.score.PullScorePush;
import io.segflow.ml.sqlgen.KMeansSql;
import io.segflow.ml.sqlgen.SqlFeatures;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Not a test: {@code main} compares three ways of assigning k-means clusters to N synthetic rows x 8 features in
 * DuckDB: Tribuo predict in the JVM (rows already in memory), the compiled SQL expression run in the warehouse
 * (CREATE TABLE AS), and pull-score-push (stream out, Tribuo predict in batches, Appender back). Args: [rows].
 */
public final class ScoringBenchmark {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<String> names = IntStream.range(0, 8).mapToObj(j -> "x" + j).toList();
        try (WarehouseAdapter db = TestData.duckdb()) {
            db.execute("SELECT setseed(0.42)");
            List<String> cols = new ArrayList<>();
            for (int j = 0; j < 8; j++) {
                cols.add("(id % 5) * " + (j + 1) + " + random() * 4 AS x" + j);
            }
            db.execute("CREATE TABLE synth AS SELECT id, " + String.join(", ", cols) + " FROM range(" + n + ") t(id)");
            db.createSchemaIfMissing("scores");

            FeaturePull pull = FeaturePull.of("synth", "id", names.stream().map(c -> FeatureSpec.of(c, NullPolicy.FAIL))
                    .toList());
            FeatureMatrix sample = pull.withSample(20_000, 1).pull(db);
            KMeansClustering km = KMeansClustering.train(names, sample.toRows(), 5, 100, 1, true, 1);

            long t0 = System.nanoTime();
            double[][] all = pull.withSample(n, 1).pull(db).toRows();
            long pullNs = System.nanoTime() - t0;
            t0 = System.nanoTime();
            int[] predicted = km.predict(all);
            long tribuoNs = System.nanoTime() - t0;

            String sql = KMeansSql.nearestCluster(new SqlFeatures(names, km.standardizer()), km.centroidsStandardised());
            t0 = System.nanoTime();
            db.execute("CREATE OR REPLACE TABLE scores.sql_kmeans AS SELECT id, " + sql + " AS cluster FROM synth");
            long sqlNs = System.nanoTime() - t0;

            t0 = System.nanoTime();
            long written = PullScorePush.run(db, "synth", "id", names, PullScorePush.kMeans(km),
                    List.of(ColumnDef.of("cluster", "BIGINT")), RelationName.of("scores", "psp_kmeans"), 10_000);
            long pspNs = System.nanoTime() - t0;

            long agree;
            try (RowStream rs = db.query("SELECT COUNT(*) FROM scores.sql_kmeans a JOIN scores.psp_kmeans b"
                    + " USING (id) WHERE a.cluster = b.cluster")) {
                agree = ((Number) rs.next()[0]).longValue();
            }
            System.out.printf("rows=%d features=8 k=5 (cores=%d)%n", n, Runtime.getRuntime().availableProcessors());
            System.out.printf("pull all rows to JVM       : %8.0f ms%n", pullNs / 1e6);
            System.out.printf("Tribuo predict (in memory) : %8.0f ms%n", tribuoNs / 1e6);
            System.out.printf("SQL scoring in DuckDB      : %8.0f ms%n", sqlNs / 1e6);
            System.out.printf("pull-score-push (Appender) : %8.0f ms (%d rows)%n", pspNs / 1e6, written);
            System.out.printf("ratios: Tribuo/SQL = %.1fx, pull-score-push/SQL = %.1fx, (pull+Tribuo)/SQL = %.1fx%n",
                    (double) tribuoNs / sqlNs, (double) pspNs / sqlNs, (double) (pullNs + tribuoNs) / sqlNs);
            System.out.printf("SQL and pull-score-push agree on %d of %d rows; first JVM prediction %d%n", agree, n,
                    predicted[0]);
            System.out.printf(java.util.Locale.ROOT, "RESULT rows=%d pull_ms=%.0f tribuo_ms=%.0f sql_ms=%.0f pull_score_push_ms=%.0f"
                    + " tribuo_over_sql=%.2f pull_score_push_over_sql=%.2f agree=%d%n", n, pullNs / 1e6, tribuoNs / 1e6,
                    sqlNs / 1e6, pspNs / 1e6, (double) tribuoNs / sqlNs, (double) pspNs / sqlNs, agree);
        }
    }
}
