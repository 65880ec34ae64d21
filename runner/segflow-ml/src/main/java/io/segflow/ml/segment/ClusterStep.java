package io.segflow.ml.segment;

import io.segflow.core.segment.SegmentRunContext;
import io.segflow.ml.TrainingDataException;
import io.segflow.ml.cluster.ClusterRelabeler;
import io.segflow.ml.cluster.CovarianceType;
import io.segflow.ml.cluster.GaussianMixtureModel;
import io.segflow.ml.cluster.GaussianMixtureTrainer;
import io.segflow.ml.cluster.HdbscanClustering;
import io.segflow.ml.cluster.KMeansClustering;
import io.segflow.ml.cluster.KSelection;
import io.segflow.ml.cluster.Standardizer;
import io.segflow.ml.eval.ClusterQuality;
import io.segflow.ml.explain.ClusterCard;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.pull.FeaturePull;
import io.segflow.ml.registry.ModelMetadata;
import io.segflow.ml.registry.ModelParams;
import io.segflow.ml.registry.ModelRegistry;
import io.segflow.ml.score.PullScorePush;
import io.segflow.ml.sqlgen.GaussianMixtureSql;
import io.segflow.ml.sqlgen.KMeansSql;
import io.segflow.ml.sqlgen.SqlFeatures;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.hdbscan.HdbscanModel;
import org.tribuo.impl.ArrayExample;

/** Trains, registers and scores one {@code type: cluster} segment. */
final class ClusterStep extends ModelStep<ClusterStep.Data> {
    record Data(FeatureMatrix matrix) implements Prepared {
        @Override
        public String sampleHash() {
            return matrix.sampleHash();
        }
    }

    /** What one fit produced, before registration. */
    private record Fitted(double[][] centroidsOriginal, int[] trainingLabels, int[] ids, Standardizer standardizer,
                          Map<String, Double> metrics, Map<String, Object> params) {
    }

    private final ClusterSegmentType.Settings s;

    ClusterStep(ModelDefinition def, ClusterSegmentType.Settings settings) {
        super(def, settings.canonical());
        this.s = settings;
    }

    @Override
    protected Data prepare(WarehouseAdapter adapter) {
        FeaturePull pull = FeaturePull.of(ScoringSql.populationRelation(adapter, def), def.entityKey(), def.features())
                .withSample(def.sampleSize(), def.seed());
        if (s.standardize()) pull = pull.rejectingConstantFeatures();
        return new Data(pull.pull(adapter));
    }

    @Override
    protected ModelMetadata fit(WarehouseAdapter adapter, Data data, Optional<ModelMetadata> previous) {
        FeatureMatrix m = data.matrix();
        double[][] rows = m.toRows();
        List<String> names = def.featureNames();
        if (!s.algorithm().equals("hdbscan")) TrainingDataException.requireClustersAtMostRows(s.maxK(), rows.length);
        Map<String, Object> params = baseParams();
        params.put("algorithm", s.algorithm());
        params.put("fills", ScoringSql.fills(m));
        ModelMetadata draft;
        Fitted f;
        switch (s.algorithm()) {
            case "kmeans" -> {
                KMeansClustering model;
                List<Map<String, Object>> candidates = new ArrayList<>();
                if (s.minK() == s.maxK()) {
                    model = KMeansClustering.train(names, rows, s.minK(), 300, def.seed(), s.standardize(), 10);
                } else {
                    KSelection.Result r = KSelection.choose(names, rows, s.minK(), s.maxK(), def.seed(),
                            s.silhouetteSample(), s.standardize());
                    model = r.best().model();
                    r.candidates().forEach(c -> candidates.add(Map.of("k", c.k(), "silhouette", c.silhouette(),
                            "davies_bouldin", c.daviesBouldin())));
                }
                params.put("k_candidates", candidates);
                params.put("centroids_z", model.centroidsStandardised());
                f = finish(m, rows, model.centroidsOriginalUnits(), model.predict(rows), model.standardizer(), previous,
                        params, model::predict);
                f.metrics().put("inertia", model.inertia(rows));
                draft = draft(adapter, m, f, kmeansSql(adapter, f.params(), names));
                return registry.register(def.name(), model.tribuoModel(), draft);
            }
            case "gmm" -> {
                Standardizer std = s.standardize() ? Standardizer.fit(names, rows) : Standardizer.identity(names);
                double[][] z = std.transform(rows);
                GaussianMixtureModel best = null;
                double bestBic = Double.POSITIVE_INFINITY;
                List<Map<String, Object>> candidates = new ArrayList<>();
                for (int k = s.minK(); k <= s.maxK(); k++) {
                    GaussianMixtureModel gm = new GaussianMixtureTrainer(k, s.covariance(), 1e-6, 1e-3, 200, 3,
                            def.seed()).fit(z).model();
                    double bic = gm.bic(z);
                    candidates.add(Map.of("k", k, "bic", bic));
                    if (bic < bestBic) {
                        bestBic = bic;
                        best = gm;
                    }
                }
                double[][] centroids = new double[best.components()][];
                int[] labels = new int[rows.length];
                for (int c = 0; c < centroids.length; c++) centroids[c] = std.inverse(best.component(c).mean());
                for (int i = 0; i < z.length; i++) labels[i] = best.predict(z[i]);
                params.putAll(ModelParams.gaussianMixture(best, std));
                params.put("k_candidates", candidates);
                GaussianMixtureModel chosen = best;
                f = finish(m, rows, centroids, labels, std, previous, params, in -> {
                    double[][] zs = std.transform(in);
                    int[] out = new int[zs.length];
                    for (int i = 0; i < zs.length; i++) out[i] = chosen.predict(zs[i]);
                    return out;
                });
                f.metrics().put("bic", bestBic);
                f.metrics().put("aic", best.aic(z));
                String sql = s.covariance() == CovarianceType.DIAGONAL ? gmmSql(adapter, f.params(), names)
                        : "pull-score-push:gmm-full";
                return registry.registerParams(def.name(), draft(adapter, m, f, sql));
            }
            default -> {
                HdbscanClustering.Result r = HdbscanClustering.train(names, rows, s.minClusterSize(), s.standardize());
                List<Integer> raw = r.model().getClusterLabels();
                TreeMap<Integer, Integer> index = new TreeMap<>();
                raw.stream().filter(x -> x != 0).distinct().sorted().forEach(x -> index.put(x, index.size()));
                if (index.isEmpty()) {
                    throw new TrainingDataException(TrainingDataException.Reason.TOO_FEW_ROWS, null, "HDBSCAN found no"
                            + " cluster in " + rows.length + " rows with min_cluster_size " + s.minClusterSize());
                }
                double[][] centroids = new double[index.size()][names.size()];
                long[] counts = new long[index.size()];
                for (int i = 0; i < rows.length; i++) {
                    Integer c = index.get(raw.get(i));
                    if (c == null) continue;
                    counts[c]++;
                    for (int j = 0; j < names.size(); j++) centroids[c][j] += rows[i][j];
                }
                for (int c = 0; c < centroids.length; c++) {
                    for (int j = 0; j < names.size(); j++) centroids[c][j] /= counts[c];
                }
                int[] ids = index.keySet().stream().mapToInt(Integer::intValue).toArray();
                params.put("standardizer", ModelParams.standardizer(r.standardizer()));
                f = describe(m, rows, centroids, r.labels(), ids, r.standardizer(), params, null);
                f.metrics().put("noise_share", raw.stream().filter(x -> x == 0).count() / (double) rows.length);
                return registry.register(def.name(), r.model(), draft(adapter, m, f, "pull-score-push:hdbscan"));
            }
        }
    }

    /** Stable ids against the previous version, then profiles and metrics. */
    private Fitted finish(FeatureMatrix m, double[][] rows, double[][] centroids, int[] labels, Standardizer std,
                          Optional<ModelMetadata> previous, Map<String, Object> params,
                          Function<double[][], int[]> assign) {
        params.put("standardizer", ModelParams.standardizer(std));
        return describe(m, rows, centroids, labels, stableIds(previous, centroids, std), std, params, assign);
    }

    /** {@code assign} maps rows to centroid indices for permutation importance (null: not computed, HDBSCAN). */
    private Fitted describe(FeatureMatrix m, double[][] rows, double[][] centroids, int[] labels, int[] ids,
                            Standardizer std, Map<String, Object> params, Function<double[][], int[]> assign) {
        long[] sizes = new long[centroids.length];
        for (int l : labels) if (l >= 0) sizes[l]++;
        List<ClusterProfiles.Profile> profiles = ClusterProfiles.describe(ids, centroids,
                Standardizer.fit(def.featureNames(), rows), sizes);
        List<String> segments = new ArrayList<>();
        for (ClusterProfiles.Profile p : profiles) {
            segments.add(s.names() != null && p.id() < s.names().size() ? s.names().get(p.id()) : "c" + p.id() + "_" + p.label());
        }
        params.put("centroids", centroids);
        params.put("ids", ids);
        params.put("segments", segments);
        params.put("profiles", ClusterProfiles.toParams(profiles));
        double[][] centroidZ = profiles.stream().map(p -> p.z().values().stream().mapToDouble(Double::doubleValue)
                .toArray()).toArray(double[][]::new);
        double[] shares = profiles.stream().mapToDouble(ClusterProfiles.Profile::share).toArray();
        params.putAll(ClusterCard.of(def.featureNames(), centroidZ, shares, assign == null ? null
                : ClusterCard.head(rows, s.silhouetteSample()), assign, def.seed()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        double[][] z = std.transform(rows);
        metrics.put("rows", (double) m.rows());
        metrics.put("source_rows", (double) m.sourceRows());
        metrics.put("k", (double) centroids.length);
        metrics.put("silhouette", ClusterQuality.silhouette(z, labels, s.silhouetteSample(), def.seed()));
        metrics.put("davies_bouldin", ClusterQuality.daviesBouldin(z, labels));
        return new Fitted(centroids, labels, ids, std, metrics, params);
    }

    /** Each new cluster takes the id of the nearest previous cluster (Hungarian matching in today's units). */
    private int[] stableIds(Optional<ModelMetadata> previous, double[][] centroids, Standardizer std) {
        int[] ids = java.util.stream.IntStream.range(0, centroids.length).toArray();
        if (previous.isEmpty()) return ids;
        Map<String, Object> p = previous.get().params();
        if (!s.algorithm().equals(p.get("algorithm")) || p.get("centroids") == null || p.get("ids") == null
                || !previous.get().features().equals(def.featureNames())) {
            return ids;
        }
        double[][] prev = Params.matrix(p.get("centroids"));
        int[] prevIds = Params.ints(p.get("ids"));
        int[] mapping = ClusterRelabeler.relabel(std.transform(prev), std.transform(centroids));
        int next = java.util.Arrays.stream(prevIds).max().orElse(-1) + 1;
        for (int i = 0; i < ids.length; i++) ids[i] = mapping[i] < prev.length ? prevIds[mapping[i]] : next++;
        return ids;
    }

    private ModelMetadata draft(WarehouseAdapter adapter, FeatureMatrix m, Fitted f, String compiledSql) {
        return ModelMetadata.draft("cluster", s.algorithm(), ModelRegistry.sha256(compiledSql), m.sampleHash(),
                f.metrics(), def.featureNames(), f.params());
    }

    @Override
    protected String score(WarehouseAdapter adapter, ModelMetadata meta, SegmentRunContext run) {
        Map<String, Object> p = meta.params();
        List<String> features = meta.features();
        List<String> required = new ArrayList<>(features);
        required.add(0, def.entityKey());
        FeaturePull.requireColumns(adapter, ScoringSql.populationRelation(adapter, def), required, "scoring");
        String algorithm = String.valueOf(p.get("algorithm"));
        String inner;
        if (algorithm.equals("kmeans")) {
            inner = "SELECT " + adapter.quote(def.entityKey()) + " AS entity_id, " + kmeansSql(adapter, p, features)
                    + " FROM " + ScoringSql.population(adapter, def);
        } else if (algorithm.equals("gmm") && "DIAGONAL".equals(p.get("covariance_type"))) {
            inner = "SELECT " + adapter.quote(def.entityKey()) + " AS entity_id, " + gmmSql(adapter, p, features)
                    + " FROM " + ScoringSql.population(adapter, def);
        } else {
            pullScorePush(adapter, meta, run);
            inner = "SELECT " + adapter.quote(def.entityKey()) + " AS entity_id, __c, __score FROM "
                    + adapter.render(run.scratch());
        }
        int[] ids = Params.ints(p.get("ids"));
        List<String> segments = Params.strings(p.get("segments"));
        List<Map<String, Object>> profiles = ((List<?>) p.get("profiles")).stream().map(Params::map).toList();
        StringBuilder seg = new StringBuilder("CASE __c");
        StringBuilder id = new StringBuilder("CASE __c");
        StringBuilder label = new StringBuilder("CASE __c");
        for (int i = 0; i < ids.length; i++) {
            // k-means and GMM SQL yield the centroid index; pull-score-push yields the cluster id itself
            int key = algorithm.equals("hdbscan") ? ids[i] : i;
            seg.append(" WHEN ").append(key).append(" THEN ").append(ScoringSql.literal(adapter, segments.get(i)));
            id.append(" WHEN ").append(key).append(" THEN ").append(ids[i]);
            label.append(" WHEN ").append(key).append(" THEN ")
                    .append(ScoringSql.literal(adapter, String.valueOf(profiles.get(i).get("label"))));
        }
        String noise = algorithm.equals("hdbscan") ? " WHEN 0 THEN 'noise'" : "";
        String explanation = ScoringSql.explanation(adapter, meta.name(), meta.version(),
                Map.of("cluster", id + " END", "score", "__score"), Map.of("label", "COALESCE(" + label + " END, 'noise')"));
        return "SELECT entity_id, " + seg + noise + " END AS segment, __score AS score, " + explanation
                + " AS explanation FROM (" + inner + ") __s WHERE __c IS NOT NULL";
    }

    /** __c (centroid index) and __score (squared distance to it, in model space). */
    private static String kmeansSql(WarehouseAdapter adapter, Map<String, Object> p, List<String> features) {
        SqlFeatures f = new SqlFeatures(ScoringSql.featureExpressions(adapter, features, Params.fills(p)),
                ModelParams.standardizer(Params.map(p.get("standardizer"))));
        double[][] centroids = Params.matrix(p.get("centroids_z"));
        List<String> d = new ArrayList<>();
        for (double[] c : centroids) d.add(KMeansSql.squaredDistance(f, c));
        return KMeansSql.nearestCluster(f, centroids) + " AS __c, "
                + (d.size() == 1 ? d.get(0) : "LEAST(" + String.join(", ", d) + ")") + " AS __score";
    }

    /** __c (most likely component) and __score (its posterior probability). */
    private static String gmmSql(WarehouseAdapter adapter, Map<String, Object> p, List<String> features) {
        SqlFeatures f = new SqlFeatures(ScoringSql.featureExpressions(adapter, features, Params.fills(p)),
                ModelParams.standardizer(Params.map(p.get("standardizer"))));
        GaussianMixtureModel model = ModelParams.gaussianMixture(p);
        List<String> probs = new ArrayList<>();
        for (int c = 0; c < model.components(); c++) probs.add(GaussianMixtureSql.componentProbability(f, model, c));
        return GaussianMixtureSql.mostLikelyComponent(f, model) + " AS __c, "
                + (probs.size() == 1 ? "1.0" : "GREATEST(" + String.join(", ", probs) + ")") + " AS __score";
    }

    private void pullScorePush(WarehouseAdapter adapter, ModelMetadata meta, SegmentRunContext run) {
        Map<String, Object> p = meta.params();
        List<String> features = meta.features();
        List<String> exprs = ScoringSql.featureExpressions(adapter, features, Params.fills(p));
        List<String> select = new ArrayList<>();
        select.add(adapter.quote(def.entityKey()));
        for (int j = 0; j < features.size(); j++) select.add(exprs.get(j) + " AS " + adapter.quote(features.get(j)));
        String relation = "SELECT " + String.join(", ", select) + " FROM " + ScoringSql.population(adapter, def);
        Standardizer std = ModelParams.standardizer(Params.map(p.get("standardizer")));
        PullScorePush.BatchScorer scorer;
        if (p.get("algorithm").equals("gmm")) {
            GaussianMixtureModel model = ModelParams.gaussianMixture(p);
            scorer = rows -> score(rows, z -> {
                int c = model.predict(z);
                return new Object[] {(long) c, model.predictProba(z)[c]};
            }, std);
        } else {
            HdbscanModel model = (HdbscanModel) registry.load(meta.name(), meta.version());
            String[] names = features.toArray(String[]::new);
            scorer = rows -> score(rows, z -> new Object[] {(long) model.predict(
                    new ArrayExample<ClusterID>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, z)).getOutput().getID(), null},
                    std);
        }
        PullScorePush.run(adapter, relation, def.entityKey(), features, scorer,
                List.of(ColumnDef.of("__c", "BIGINT"), ColumnDef.of("__score", "DOUBLE")), run.scratch(), 10_000);
    }

    private static Object[][] score(double[][] rows, java.util.function.Function<double[], Object[]> one,
                                    Standardizer std) {
        Object[][] out = new Object[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            boolean missing = java.util.Arrays.stream(rows[i]).anyMatch(Double::isNaN);
            out[i] = missing ? new Object[] {null, null} : one.apply(std.transform(rows[i]));
        }
        return out;
    }
}
