package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.ml.cluster.Standardizer;
import io.segflow.ml.propensity.PropensityModel;
import io.segflow.ml.propensity.PropensityTrainer;
import io.segflow.ml.registry.ModelMetadata;
import io.segflow.ml.registry.ModelParams;
import io.segflow.ml.registry.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.impl.ArrayExample;

/**
 * The model segments of the example project (segments/models.yml) through the CLI on a temp copy: build trains,
 * registers and scores in the warehouse; SQL scores equal the registered Tribuo models' own predictions row by
 * row; train / score / models commands; bad input fails the node with a clear SF70x error and keeps the
 * previous membership.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelSegmentsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CUSTOMERS = 2000;

    @TempDir
    static Path tmp;
    static Path project;

    static Connection db() throws Exception {
        return DriverManager.getConnection("jdbc:duckdb:" + project.resolve("target/dev.duckdb"));
    }

    static long scalar(String sql) throws Exception {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A fingerprint of a members table: rows and a hash over (entity, segment, score). */
    static String members(String segment) throws Exception {
        return scalar("select count(*) from segments." + segment + "_members") + "/" + scalar(
                "select sum(hash(entity_id, segment, score)) % 1000000007 from segments." + segment + "_members");
    }

    static ModelRegistry registry() {
        return new ModelRegistry(project.resolve(".segflow/registry"));
    }

    @Test
    @Order(1)
    void buildTrainsRegistersAndScoresEveryModelSegment() throws Exception {
        project = CliRunner.copyExample(tmp.resolve("shop"), CUSTOMERS);
        CliRunner.Result r = CliRunner.run(project, "build", "--select", "+customer_clusters", "+churn_risk",
                "+churn_tiers", "+customer_ltv");
        assertEquals(0, r.code(), r.all());
        assertFalse(r.all().contains("INFO: Iteration"), "Tribuo logging must stay quiet");
        long buyers = scalar("select count(*) from analytics.customer_features where orders_count > 0");
        for (String s : List.of("customer_clusters", "churn_risk", "churn_tiers", "customer_ltv")) {
            assertEquals(buyers, scalar("select count(distinct entity_id) from segments." + s + "_members"), s);
            assertEquals(List.of(1), registry().versions(s), s);
        }
        assertEquals(2, scalar("select count(distinct segment) from segments.churn_risk_members"));
        assertEquals(3, scalar("select count(distinct segment) from segments.customer_ltv_members"));
        ModelMetadata churn = registry().latest("churn_risk").orElseThrow();
        assertTrue(churn.params().get("split").toString().startsWith("time: train on cutoffs before 2024-09-30"),
                churn.params().toString());
        assertTrue(churn.metrics().get("auc") > 0.6, churn.metrics().toString());
        assertTrue(churn.provenanceJson().contains("XGBoostClassificationTrainer"));
        // features were rebuilt as of each cutoff in their own schema, dropped once the training rows were pulled
        assertEquals(0, scalar("select count(*) from information_schema.schemata where strpos(schema_name, '__train_') > 0"));

        CliRunner.Result again = CliRunner.run(project, "build", "--select", "customer_clusters", "churn_risk");
        assertEquals(0, again.code(), again.all());
        assertEquals(List.of(1), registry().versions("customer_clusters"), "retrain: if_changed reuses v1");
    }

    @Test
    @Order(2)
    void sqlScoresEqualTribuoPredictionsOnTheSameRows() throws Exception {
        ModelMetadata km = registry().latest("customer_clusters").orElseThrow();
        @SuppressWarnings("unchecked")
        Model<ClusterID> kmeans = (Model<ClusterID>) registry().load(km.name(), km.version());
        Standardizer kStd = ModelParams.standardizer(map(km.params().get("standardizer")));
        List<Integer> ids = ints(km.params().get("ids"));
        List<String> segments = strings(km.params().get("segments"));
        Map<Long, String> expected = new HashMap<>();
        String[] names = km.features().toArray(String[]::new);
        for (Map.Entry<Long, double[]> e : rows(km).entrySet()) {
            double[] z = kStd.transform(e.getValue());
            int c = kmeans.predict(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, z)).getOutput().getID();
            expected.put(e.getKey(), segments.get(c));
            assertTrue(ids.contains(ids.get(c)));
        }
        Map<Long, String> actual = new HashMap<>();
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select entity_id, segment from segments.customer_clusters_members")) {
            while (rs.next()) actual.put(rs.getLong(1), rs.getString(2));
        }
        assertEquals(expected, actual);

        for (String name : List.of("churn_risk", "churn_tiers")) {
            ModelMetadata pm = registry().latest(name).orElseThrow();
            @SuppressWarnings("unchecked")
            PropensityModel model = new PropensityModel(PropensityTrainer.Algorithm.valueOf(
                    String.valueOf(pm.params().get("algorithm"))), (Model<Label>) registry().load(name, pm.version()),
                    ModelParams.standardizer(map(pm.params().get("standardizer"))));
            Map<Long, Double> scores = new HashMap<>();
            try (Connection c = db(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select entity_id, score from segments." + name + "_members")) {
                while (rs.next()) scores.put(rs.getLong(1), rs.getDouble(2));
            }
            Map<Long, double[]> rows = rows(pm);
            // Tribuo's XGBoost returns float32 probabilities; the SQL computes the same trees and sigmoid in double
            double tolerance = name.equals("churn_risk") ? 1e-6 : 1e-9;
            assertEquals(rows.keySet(), scores.keySet());
            for (Map.Entry<Long, double[]> e : rows.entrySet()) {
                assertEquals(model.predict(e.getValue()), scores.get(e.getKey()), tolerance, name + " customer " + e.getKey());
            }
        }
    }

    @Test
    @Order(2)
    void logisticExplanationsCarryContributionsThatAddUpToTheScore() throws Exception {
        ModelMetadata pm = registry().latest("churn_tiers").orElseThrow();
        @SuppressWarnings("unchecked")
        Model<Label> tribuo = (Model<Label>) registry().load(pm.name(), pm.version());
        double intercept = io.segflow.ml.sqlgen.TribuoLinearModels.binaryLogistic(
                (org.tribuo.classification.sgd.linear.LinearSGDModel) tribuo, "1", pm.features()).intercept();
        assertContributionsAddUp("churn_tiers", intercept, Set.copyOf(pm.features()));
        for (String name : List.of("churn_risk", "churn_tiers", "customer_clusters")) {
            Map<String, Object> importance = map(registry().latest(name).orElseThrow().params().get("importance"));
            assertEquals(Set.copyOf(registry().latest(name).orElseThrow().features()), map(importance.get("values")).keySet(), name);
        }
    }

    @Test
    @Order(2)
    void xgboostExplanationsCarrySaabasContributionsThatAddUpToTheScore() throws Exception {
        ModelMetadata pm = registry().latest("churn_risk").orElseThrow();
        @SuppressWarnings("unchecked")
        org.tribuo.common.xgboost.XGBoostModel<Label> tribuo =
                (org.tribuo.common.xgboost.XGBoostModel<Label>) registry().load(pm.name(), pm.version());
        io.segflow.ml.sqlgen.XGBoostContributions saabas = io.segflow.ml.sqlgen.XGBoostContributions.of(tribuo, "1",
                new io.segflow.ml.sqlgen.SqlFeatures(pm.features(), ModelParams.standardizer(map(pm.params().get("standardizer")))),
                10);
        assertTrue(pm.features().containsAll(saabas.byFeature().keySet()));
        assertContributionsAddUp("churn_risk", saabas.bias(), saabas.byFeature().keySet());
    }

    /** 50 explanations of a propensity segment: the expected features, and offset + contributions = logit(score). */
    private static void assertContributionsAddUp(String segment, double offset, Set<String> features) throws Exception {
        int checked = 0;
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select score, explanation from segments." + segment + "_members limit 50")) {
            while (rs.next()) {
                Map<String, Object> e = JSON.readValue(rs.getString(2), new com.fasterxml.jackson.core.type.TypeReference<>() { });
                Map<String, Object> contributions = map(e.get("contributions"));
                assertEquals(features, contributions.keySet());
                double logOdds = offset + contributions.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
                double p = rs.getDouble(1);
                assertEquals(Math.log(p / (1 - p)), logOdds, 1e-6);
                checked++;
            }
        }
        assertEquals(50, checked);
    }

    @Test
    @Order(3)
    void trainScoreAndModelsCommands() throws Exception {
        CliRunner.Result train = CliRunner.run(project, "train", "--select", "customer_clusters");
        assertEquals(0, train.code(), train.all());
        assertTrue(train.out().contains("trained customer_clusters v2"), train.out());
        String before = members("customer_clusters");
        CliRunner.Result score = CliRunner.run(project, "score", "--select", "customer_clusters");
        assertEquals(0, score.code(), score.all());
        // same data and seed: v2 has the same clusters under the same stable ids, so nobody moves
        assertEquals(before.split("/")[0], members("customer_clusters").split("/")[0]);
        assertEquals(0, scalar("select count(*) from segments.customer_clusters_changes where change = 'moved'"));

        CliRunner.Result ls = CliRunner.run(project, "models", "ls");
        assertEquals(0, ls.code(), ls.all());
        assertTrue(ls.out().contains("customer_clusters      v2"), ls.out());
        assertTrue(ls.out().contains("auc="), ls.out());
        CliRunner.Result show = CliRunner.run(project, "models", "show", "churn_risk", "--version", "1");
        assertEquals(0, show.code(), show.all());
        for (String s : List.of("churn_risk v1", "compiled SQL hash:", "sample hash:", "calibration:",
                "feature importance (gain: share of the total split gain):", "permutation importance (drop of auc",
                "XGBoostClassificationTrainer", "tribuo 4.3.2")) {
            assertTrue(show.out().contains(s), s + " in\n" + show.out());
        }
        CliRunner.Result report = CliRunner.run(project, "report");
        assertEquals(0, report.code(), report.all());
        JsonNode data = JSON.readTree(project.resolve("target/report.json").toFile());
        Map<String, JsonNode> byName = new HashMap<>();
        data.get("segmentations").get("segmentations").forEach(n -> byName.put(n.get("name").asText(), n));
        JsonNode churn = byName.get("churn_risk");
        assertEquals(0.75, churn.get("model").get("threshold").get("value").asDouble());
        assertTrue(churn.get("model").get("roc").size() > 10, churn.get("model").toString());
        assertEquals(10, churn.get("model").get("lift").size());
        // buyers only: the shares of the whole customer population add up to less than 100%, and the page says why
        assertTrue(churn.get("coverage_notes").get(0).asText().contains("outside the population filter"),
                churn.get("coverage_notes").toString());
        JsonNode clusters = byName.get("customer_clusters").get("model").get("profiles");
        assertEquals(km().features().size(), clusters.get(0).get("z").size());
        assertTrue(byName.get("customer_ltv").get("ltv").get("p_alive_by_group").size() == 3);
        String html = Files.readString(project.resolve("target/report.html"));
        assertTrue(html.contains("Model card: churn_risk") && html.contains("ROC on the held-out rows"), html);

        CliRunner.Result missing = CliRunner.run(project, "models", "show", "nope");
        assertEquals(2, missing.code(), missing.all());
    }

    @Test
    @Order(4)
    void stableClusterIdsAcrossARetrainOnAnotherSample() throws Exception {
        edit("segments/models.yml", "sample: {size: 4000, seed: 7}", "sample: {size: 1500, seed: 99}");
        CliRunner.Result r = CliRunner.run(project, "build", "--select", "customer_clusters");
        assertEquals(0, r.code(), r.all());
        ModelMetadata v2 = registry().show("customer_clusters", 2);
        ModelMetadata v3 = registry().show("customer_clusters", 3);
        assertFalse(v2.sampleHash().equals(v3.sampleHash()));
        Standardizer std = ModelParams.standardizer(map(v3.params().get("standardizer")));
        double[][] old = matrix(v2.params().get("centroids"));
        double[][] now = matrix(v3.params().get("centroids"));
        List<Integer> oldIds = ints(v2.params().get("ids"));
        List<Integer> newIds = ints(v3.params().get("ids"));
        assertEquals(newIds.size(), new java.util.HashSet<>(newIds).size(), "ids stay distinct");
        if (old.length == now.length) {
            assertEquals(new java.util.HashSet<>(oldIds), new java.util.HashSet<>(newIds));
            for (int i = 0; i < now.length; i++) {
                int nearest = 0;
                for (int j = 1; j < old.length; j++) {
                    if (dist(std, now[i], old[j]) < dist(std, now[i], old[nearest])) nearest = j;
                }
                assertEquals(oldIds.get(nearest), newIds.get(i), "cluster " + i + " keeps the id of its nearest old cluster");
            }
        }
        JsonNode runs = JSON.readTree(project.resolve("target/run_results.json").toFile());
        assertTrue(runs.toString().contains("segment.customer_clusters"));
    }

    @Test
    @Order(5)
    void badInputFailsClearlyAndKeepsThePreviousMembership() throws Exception {
        String clusters = members("customer_clusters");
        edit("segments/models.yml", "    k: [3, 6]\n", "    k: 45\n");
        edit("segments/models.yml", "where: \"orders_count > 0\"\n    algorithm: kmeans",
                "where: \"orders_count > 0 and customer_id <= 30\"\n    algorithm: kmeans");
        CliRunner.Result k = CliRunner.run(project, "build", "--select", "customer_clusters");
        assertEquals(1, k.code(), k.all());
        assertTrue(k.out().contains("error[SF701]") && k.out().contains("clusters from"), k.out());
        assertFalse(k.all().contains("Exception"), k.all());
        assertEquals(clusters, members("customer_clusters"));
        assertEquals(1, scalar("select count(*) from segments.segflow_runs where segmentation = 'customer_clusters'"
                + " and status = 'failed'"));

        String churn = members("churn_tiers");
        edit("segments/models.yml", "positive: \"count(order_id) = 0\"}", "positive: \"count(order_id) >= 0\"}");
        CliRunner.Result single = CliRunner.run(project, "build", "--select", "churn_tiers");
        assertEquals(1, single.code(), single.all());
        assertTrue(single.out().contains("error[SF701]") && single.out().contains("needs both outcomes"), single.out());
        assertEquals(churn, members("churn_tiers"));
        edit("segments/models.yml", "positive: \"count(order_id) >= 0\"}", "positive: \"count(order_id) = 0\"}");

        edit("segments/models.yml", "where: \"orders_count > 0\"\n    algorithm: logistic",
                "where: \"orders_count > 0 and avg_csat is null\"\n    algorithm: logistic");
        edit("segments/models.yml", "features: [tenure_days, orders_count, total_revenue, days_since_last_order, sessions_90d, tickets]",
                "features: [tenure_days, orders_count, {name: avg_csat, nulls: impute_mean}]");
        CliRunner.Result allNull = CliRunner.run(project, "build", "--select", "churn_tiers");
        assertEquals(1, allNull.code(), allNull.all());
        assertTrue(allNull.out().contains("avg_csat is NULL or NaN in all"), allNull.out());
        assertEquals(churn, members("churn_tiers"));

        // a feature the registered churn_risk model needs disappears: scoring refuses, members stay
        String risk = members("churn_risk");
        edit("segments/models.yml", "sessions_90d, cart_adds_90d, cart_abandon_rate", "sessions_90d, cart_abandon_rate");
        edit("features/marts/customer_features.sql", "    coalesce(e.cart_adds, 0) as cart_adds_90d,\n", "");
        assertEquals(0, CliRunner.run(project, "run", "--select", "customer_features").code());
        CliRunner.Result gone = CliRunner.run(project, "score", "--select", "churn_risk");
        assertEquals(1, gone.code(), gone.all());
        assertTrue(gone.out().contains("cart_adds_90d not found") && gone.out().contains("scoring time"), gone.out());
        assertEquals(risk, members("churn_risk"));
    }

    // ---- helpers ----

    /** Feature rows of the model's population (orders_count > 0) with the registered NULL fills applied. */
    private static Map<Long, double[]> rows(ModelMetadata m) throws Exception {
        List<?> fills = (List<?>) m.params().get("fills");
        Map<Long, double[]> out = new HashMap<>();
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select customer_id, " + String.join(", ", m.features())
                     + " from analytics.customer_features where orders_count > 0")) {
            while (rs.next()) {
                double[] row = new double[m.features().size()];
                for (int j = 0; j < row.length; j++) {
                    double v = rs.getDouble(j + 2);
                    row[j] = rs.wasNull() ? (fills.get(j) == null ? Double.NaN : ((Number) fills.get(j)).doubleValue()) : v;
                }
                out.put(rs.getLong(1), row);
            }
        }
        return out;
    }

    private static void edit(String file, String from, String to) throws Exception {
        Path p = project.resolve(file);
        String text = Files.readString(p);
        assertTrue(text.contains(from), "'" + from + "' not in " + file);
        Files.writeString(p, text.replace(from, to));
    }

    private static double dist(Standardizer std, double[] a, double[] b) {
        double[] za = std.transform(a);
        double[] zb = std.transform(b);
        double d = 0;
        for (int j = 0; j < za.length; j++) d += (za[j] - zb[j]) * (za[j] - zb[j]);
        return d;
    }

    private static ModelMetadata km() {
        return registry().latest("customer_clusters").orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<Integer> ints(Object o) {
        List<Integer> out = new ArrayList<>();
        ((List<?>) o).forEach(x -> out.add(((Number) x).intValue()));
        return out;
    }

    private static List<String> strings(Object o) {
        return ((List<?>) o).stream().map(String::valueOf).toList();
    }

    private static double[][] matrix(Object o) {
        return ((List<?>) o).stream().map(r -> ((List<?>) r).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray())
                .toArray(double[][]::new);
    }
}
