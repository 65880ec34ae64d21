package io.segflow.ml.segment;

import io.segflow.core.segment.SegmentRunContext;
import io.segflow.ml.cluster.Standardizer;
import io.segflow.ml.explain.PropensityCard;
import io.segflow.ml.propensity.BinaryMetrics;
import io.segflow.ml.propensity.CrossValidation;
import io.segflow.ml.propensity.PropensityModel;
import io.segflow.ml.propensity.PropensityTrainer;
import io.segflow.ml.propensity.Tiers;
import io.segflow.ml.propensity.TrainTestSplit;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.pull.FeaturePull;
import io.segflow.ml.registry.ModelMetadata;
import io.segflow.ml.registry.ModelParams;
import io.segflow.ml.registry.ModelRegistry;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/** Trains, registers and scores one {@code type: propensity} segment. */
final class PropensityStep extends ModelStep<PropensityStep.Data> {
    record Data(FeatureMatrix matrix) implements Prepared {
        @Override
        public String sampleHash() {
            return matrix.sampleHash();
        }
    }

    /** A time-window label (with {@link #training}) or, when null, {@link #label}. */
    private final SupervisedSettings sup;
    private final ModelDefinition.StaticLabel label;
    private final PropensityTrainer.Algorithm algorithm;
    private final PropensitySegmentType.Grouping grouping;
    private final CutoffTraining training;

    PropensityStep(ModelDefinition def, SupervisedSettings sup, PropensityTrainer.Algorithm algorithm,
                   PropensitySegmentType.Grouping grouping, CutoffTraining training) {
        super(def, sup.canonical() + "\nalgorithm=" + algorithm + "\n" + grouping.canonical());
        this.sup = sup;
        this.label = null;
        this.algorithm = algorithm;
        this.grouping = grouping;
        this.training = training;
    }

    PropensityStep(ModelDefinition def, ModelDefinition.StaticLabel label, PropensityTrainer.Algorithm algorithm,
                   PropensitySegmentType.Grouping grouping) {
        super(def, label.canonical() + "\nalgorithm=" + algorithm + "\n" + grouping.canonical());
        this.sup = null;
        this.label = label;
        this.algorithm = algorithm;
        this.grouping = grouping;
        this.training = null;
    }

    /** Pulls the labelled rows of every cutoff (features as of the cutoff, label from the window after it). */
    static FeatureMatrix pullLabelled(WarehouseAdapter adapter, ModelDefinition def, CutoffTraining training) {
        try {
            return FeaturePull.of(training.trainingSql(adapter), def.entityKey(), def.features())
                    .withLabel(adapter.quote("__label")).withCutoff("__cutoff").withWhere(def.where())
                    .withSample(def.sampleSize(), def.seed()).pull(adapter);
        } finally {
            training.dropMaterialised(adapter);
        }
    }

    @Override
    protected Data prepare(WarehouseAdapter adapter) {
        if (label == null) return new Data(pullLabelled(adapter, def, training));
        FeatureMatrix pulled = FeaturePull.of(adapter.render(def.input().relation()), def.entityKey(), def.features())
                .withLabel(label.sql(adapter::quote)).withWhere(def.where()).withSample(def.sampleSize(), def.seed())
                .pull(adapter);
        noteSample(pulled, "labelled entities");
        return new Data(pulled);
    }

    @Override
    protected ModelMetadata fit(WarehouseAdapter adapter, Data data, Optional<ModelMetadata> previous) {
        FeatureMatrix m = data.matrix();
        TrainTestSplit split = label == null ? TrainTestSplit.of(m, sup.testFraction(), def.seed())
                : TrainTestSplit.stratified(m, label.testFraction(), def.seed());
        PropensityTrainer trainer = new PropensityTrainer(algorithm, label == null ? sup.rounds() : label.rounds(), def.seed());
        PropensityModel model = trainer.train(split.train());
        double[] p = model.predict(split.test());
        double[] y = new double[split.test().rows()];
        for (int i = 0; i < y.length; i++) y[i] = split.test().label(i);
        BinaryMetrics metrics = BinaryMetrics.evaluate(p, y, grouping.threshold() == null ? 0.5 : grouping.threshold());
        Map<String, Double> metricMap = new LinkedHashMap<>(metrics.asMap());
        metricMap.put("train_rows", (double) split.train().rows());
        metricMap.put("base_rate", metrics.rows() == 0 ? 0 : (double) metrics.positives() / metrics.rows());
        if (label != null) {
            CrossValidation cv = CrossValidation.run(split.train(), label.folds(), def.seed(), trainer::train);
            metricMap.put("cv_auc_mean", cv.mean());
            metricMap.put("cv_auc_sd", cv.sd());
            metricMap.put("cv_folds", (double) label.folds());
        }
        Map<String, Object> params = baseParams();
        params.put("algorithm", algorithm.name());
        params.put("standardizer", ModelParams.standardizer(model.standardizer()));
        params.put("fills", ScoringSql.fills(m));
        params.put("split", split.method());
        if (label == null) {
            params.put("cutoffs", sup.cutoffs());
            params.put("label_window_days", sup.windowDays());
        } else {
            params.put("label", label.expression() != null ? label.expression() : label.column());
        }
        List<Map<String, Object>> calibration = new ArrayList<>();
        for (BinaryMetrics.CalibrationBin b : metrics.calibration()) {
            calibration.add(Map.of("lower", b.lower(), "upper", b.upper(), "count", b.count(),
                    "mean_predicted", b.meanPredicted(), "observed_rate", b.observedRate()));
        }
        params.put("calibration", calibration);
        params.putAll(PropensityCard.of(model, split.test(), p, y, def.seed()));
        String sql = model.toSql(ScoringSql.featureExpressions(adapter, def.featureNames(), ScoringSql.fills(m)));
        return registry.register(def.name(), model.tribuoModel(), ModelMetadata.draft("propensity",
                algorithm.name().toLowerCase(java.util.Locale.ROOT), ModelRegistry.sha256(sql), m.sampleHash(), metricMap,
                def.featureNames(), params));
    }

    /** The registered model as a scorer (Tribuo model plus the standardisation of its inputs). */
    @SuppressWarnings("unchecked")
    PropensityModel load(ModelMetadata meta) {
        Model<Label> tribuo = (Model<Label>) registry.load(meta.name(), meta.version());
        Standardizer std = ModelParams.standardizer(Params.map(meta.params().get("standardizer")));
        return new PropensityModel(PropensityTrainer.Algorithm.valueOf(String.valueOf(meta.params().get("algorithm"))),
                tribuo, std);
    }

    @Override
    protected String score(WarehouseAdapter adapter, ModelMetadata meta, SegmentRunContext run) {
        List<String> required = new ArrayList<>(meta.features());
        required.add(0, def.entityKey());
        FeaturePull.requireColumns(adapter, ScoringSql.populationRelation(adapter, def), required, "scoring");
        PropensityModel model = load(meta);
        List<String> columns = ScoringSql.featureExpressions(adapter, meta.features(), Params.fills(meta.params()));
        String probability = model.toSql(columns);
        Map<String, String> contributions = EntityContributions.of(model, columns);
        StringBuilder inner = new StringBuilder("SELECT ").append(adapter.quote(def.entityKey()))
                .append(" AS entity_id, ").append(probability).append(" AS __score");
        Map<String, String> explained = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, String> c : contributions.entrySet()) {
            inner.append(", ").append(c.getValue()).append(" AS __x").append(i);
            explained.put(c.getKey(), "__x" + i++);
        }
        inner.append(" FROM ").append(ScoringSql.population(adapter, def));
        Map<String, String> numeric = new LinkedHashMap<>();
        numeric.put("probability", "__score");
        if (!explained.isEmpty()) numeric.put("contributions", EntityContributions.jsonObject(adapter, explained));
        return groupedMembership(adapter, meta, inner.toString(), grouping, numeric);
    }

    /** entity_id, group by threshold or tiers over __score, score and an explanation; NULL scores are left out. */
    static String groupedMembership(WarehouseAdapter adapter, ModelMetadata meta, String inner,
                                    PropensitySegmentType.Grouping grouping, String scoreName) {
        return groupedMembership(adapter, meta, inner, grouping, Map.of(scoreName, "__score"));
    }

        /** As above with the explanation's numeric fields (name -> SQL expression over the inner columns). */
    static String groupedMembership(WarehouseAdapter adapter, ModelMetadata meta, String inner,
                                    PropensitySegmentType.Grouping grouping, Map<String, String> numeric) {
        String segment = grouping.threshold() != null
                ? Tiers.thresholdSql("__score", grouping.threshold(), grouping.above(), grouping.below())
                : Tiers.quantileTiersSql("__score", "entity_id", grouping.tiers());
        String explanation = ScoringSql.explanation(adapter, meta.name(), meta.version(), numeric, Map.of());
        return "SELECT entity_id, " + segment + " AS segment, __score AS score, " + explanation + " AS explanation FROM ("
                + inner + ") __s WHERE __score IS NOT NULL";
    }
}
