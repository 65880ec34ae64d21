package io.segflow.ml.segment;

import io.segflow.core.segment.SegmentRunContext;
import io.segflow.ml.explain.RegressionCard;
import io.segflow.ml.propensity.LtvRegressionTrainer;
import io.segflow.ml.propensity.RegressionMetrics;
import io.segflow.ml.propensity.TrainTestSplit;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.pull.FeaturePull;
import io.segflow.ml.registry.ModelMetadata;
import io.segflow.ml.registry.ModelRegistry;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.regression.Regressor;
import org.tribuo.common.xgboost.XGBoostModel;

/** {@code type: ltv, algorithm: xgboost}: future spend regressed on features as of a cutoff; scored in SQL. */
final class LtvRegressionStep extends ModelStep<PropensityStep.Data> {
    private final SupervisedSettings sup;
    private final PropensitySegmentType.Grouping grouping;
    private final CutoffTraining training;

    LtvRegressionStep(ModelDefinition def, SupervisedSettings sup, PropensitySegmentType.Grouping grouping,
                      CutoffTraining training) {
        super(def, sup.canonical() + "\nalgorithm=xgboost\n" + grouping.canonical());
        this.sup = sup;
        this.grouping = grouping;
        this.training = training;
    }

    @Override
    protected PropensityStep.Data prepare(WarehouseAdapter adapter) {
        FeatureMatrix pulled = PropensityStep.pullLabelled(adapter, def, training);
        noteSample(pulled, "labelled rows");
        return new PropensityStep.Data(pulled);
    }

    @Override
    protected ModelMetadata fit(WarehouseAdapter adapter, PropensityStep.Data data, Optional<ModelMetadata> previous) {
        FeatureMatrix m = data.matrix();
        TrainTestSplit split = TrainTestSplit.of(m, sup.testFraction(), def.seed());
        LtvRegressionTrainer.LtvModel model = new LtvRegressionTrainer(sup.rounds(), def.seed()).train(split.train());
        double[] actual = new double[split.test().rows()];
        for (int i = 0; i < actual.length; i++) actual[i] = split.test().label(i);
        Map<String, Double> metrics = new LinkedHashMap<>(RegressionMetrics.evaluate(model.predict(split.test()), actual).asMap());
        metrics.put("train_rows", (double) split.train().rows());
        Map<String, Object> params = baseParams();
        params.put("algorithm", "xgboost");
        params.put("fills", ScoringSql.fills(m));
        params.put("split", split.method());
        params.put("cutoffs", sup.cutoffs());
        params.put("label_window_days", sup.windowDays());
        params.putAll(RegressionCard.of(model, split.test(), actual, def.seed()));
        String sql = model.toSql(ScoringSql.featureExpressions(adapter, def.featureNames(), ScoringSql.fills(m)));
        return registry.register(def.name(), model.tribuoModel(), ModelMetadata.draft("ltv", "xgboost",
                ModelRegistry.sha256(sql), m.sampleHash(), metrics, def.featureNames(), params));
    }

    @SuppressWarnings("unchecked")
    LtvRegressionTrainer.LtvModel load(ModelMetadata meta) {
        return new LtvRegressionTrainer.LtvModel((XGBoostModel<Regressor>) registry.load(meta.name(), meta.version()),
                meta.features());
    }

    @Override
    protected String score(WarehouseAdapter adapter, ModelMetadata meta, SegmentRunContext run) {
        List<String> required = new ArrayList<>(meta.features());
        required.add(0, def.entityKey());
        FeaturePull.requireColumns(adapter, ScoringSql.populationRelation(adapter, def), required, "scoring");
        String value = load(meta).toSql(ScoringSql.featureExpressions(adapter, meta.features(), Params.fills(meta.params())));
        String inner = "SELECT " + adapter.quote(def.entityKey()) + " AS entity_id, " + value + " AS __score FROM "
                + ScoringSql.population(adapter, def);
        return PropensityStep.groupedMembership(adapter, meta, inner, grouping, "predicted_value");
    }
}
