package io.segflow.ml.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.ml.TelcoTable;
import io.segflow.ml.TestData;
import io.segflow.ml.cluster.CovarianceType;
import io.segflow.ml.cluster.GaussianMixtureModel;
import io.segflow.ml.cluster.GaussianMixtureTrainer;
import io.segflow.ml.cluster.Standardizer;
import io.segflow.ml.clv.BgNbdModel;
import io.segflow.ml.propensity.PropensityModel;
import io.segflow.ml.propensity.PropensityTrainer;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.pull.FeaturePull;
import io.segflow.ml.pull.FeatureSpec;
import io.segflow.ml.pull.NullPolicy;
import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

class ModelRegistryTest {
    static final List<String> NAMES = List.of("tenure", "monthly", "total", "fiber", "month_to_month");

    @TempDir
    Path dir;

    static FeatureMatrix telco() {
        try (WarehouseAdapter db = TestData.duckdb()) {
            TelcoTable.load(db);
            return FeaturePull.of("telco", "customer_id", NAMES.stream().map(n -> FeatureSpec.of(n,
                    n.equals("total") ? NullPolicy.KEEP_MISSING : NullPolicy.FAIL)).toList())
                    .withLabel("churned").withSample(3000, 1).pull(db);
        }
    }

    @Test
    void tribuoModelRoundTripsWithProvenanceHashesAndVersions() throws Exception {
        FeatureMatrix m = telco();
        PropensityModel model = new PropensityTrainer(PropensityTrainer.Algorithm.XGBOOST, 30, 1).train(m);
        String sql = model.toSql(NAMES);
        ModelRegistry registry = new ModelRegistry(dir);
        ModelMetadata draft = ModelMetadata.draft("propensity", "xgboost", ModelRegistry.sha256(sql), m.sampleHash(),
                Map.of("auc", 0.83), NAMES, Map.of("rounds", 30, "seed", 1));
        ModelMetadata v1 = registry.register("churn", model.tribuoModel(), draft);
        ModelMetadata v2 = registry.register("churn", model.tribuoModel(), draft);
        assertEquals(1, v1.version());
        assertEquals(2, v2.version());
        assertTrue(Files.isRegularFile(dir.resolve("churn/v2/model.pb")));
        assertTrue(Files.isRegularFile(dir.resolve("churn/v2/metadata.json")));
        try (var s = Files.list(dir.resolve("churn"))) {
            assertEquals(2, s.count(), "no temporary folders left behind");
        }

        ModelMetadata shown = registry.show("churn", 1);
        assertEquals(v1, shown);
        assertEquals(2, registry.latest("churn").orElseThrow().version());
        assertEquals(64, shown.compiledSqlHash().length());
        assertEquals(m.sampleHash(), shown.sampleHash());
        assertEquals(0.83, shown.metrics().get("auc"));
        assertEquals(NAMES, shown.features());
        assertTrue(shown.provenanceJson().contains("XGBoostClassificationTrainer"), shown.provenanceJson());
        assertTrue(shown.provenanceJson().contains(m.sampleHash()), "dataset provenance names the sample");

        @SuppressWarnings("unchecked")
        Model<Label> loaded = (Model<Label>) registry.load("churn", 1);
        assertTrue(loaded instanceof XGBoostModel);
        PropensityModel reloaded = new PropensityModel(model.algorithm(), loaded, model.standardizer());
        assertArrayEquals(model.predict(m), reloaded.predict(m));
        assertEquals(sql, reloaded.toSql(NAMES), "the reloaded model compiles to the same SQL");
    }

    @Test
    void parameterModelsAreStoredAsMetadataAndRebuiltExactly() {
        FeatureMatrix m = telco();
        double[][] rows = m.toRows();
        double[][] complete = java.util.Arrays.stream(rows).filter(r -> !Double.isNaN(r[2])).toArray(double[][]::new);
        Standardizer s = Standardizer.fit(NAMES, complete);
        GaussianMixtureModel gmm = new GaussianMixtureTrainer(3, CovarianceType.DIAGONAL, 2).fit(s.transform(complete))
                .model();
        BgNbdModel bg = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        ModelRegistry registry = new ModelRegistry(dir);
        Map<String, Object> params = new java.util.LinkedHashMap<>(ModelParams.gaussianMixture(gmm, s));
        ModelMetadata stored = registry.registerParams("segments", ModelMetadata.draft("cluster", "gmm", null,
                m.sampleHash(), Map.of("bic", gmm.bic(s.transform(complete))), NAMES, params));
        registry.registerParams("clv", ModelMetadata.draft("clv", "bg_nbd", null, null, Map.of(), List.of(),
                ModelParams.bgNbd(bg)));
        assertNull(stored.modelFile());
        assertThrows(IllegalArgumentException.class, () -> registry.load("segments", 1));

        ModelMetadata read = registry.show("segments", 1);
        GaussianMixtureModel back = ModelParams.gaussianMixture(read.params());
        @SuppressWarnings("unchecked")
        Standardizer sBack = ModelParams.standardizer((Map<String, Object>) read.params().get("standardizer"));
        for (double[] r : complete) {
            assertArrayEquals(gmm.predictProba(s.transform(r)), back.predictProba(sBack.transform(r)));
        }
        assertEquals(bg, ModelParams.bgNbd(registry.latest("clv").orElseThrow().params()));
        assertEquals(List.of("clv", "segments"), registry.list().stream().map(ModelMetadata::name).toList());
        assertFalse(registry.latest("unknown").isPresent());
        assertThrows(IllegalArgumentException.class, () -> registry.show("clv", 7));
        assertThrows(IllegalArgumentException.class, () -> registry.registerParams("../escape", read));
    }
}
