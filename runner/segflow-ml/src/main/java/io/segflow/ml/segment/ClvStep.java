package io.segflow.ml.segment;

import io.segflow.core.segment.SegmentRunContext;
import io.segflow.ml.clv.BgNbdFitter;
import io.segflow.ml.clv.BgNbdModel;
import io.segflow.ml.clv.CustomerLifetimeValue;
import io.segflow.ml.clv.CustomerRfm;
import io.segflow.ml.clv.GammaGammaFitter;
import io.segflow.ml.clv.GammaGammaModel;
import io.segflow.ml.propensity.Tiers;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.pull.FeaturePull;
import io.segflow.ml.pull.FeatureSpec;
import io.segflow.ml.pull.NullPolicy;
import io.segflow.ml.registry.ModelMetadata;
import io.segflow.ml.registry.ModelParams;
import io.segflow.ml.registry.ModelRegistry;
import io.segflow.ml.score.PullScorePush;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: ltv, algorithm: bgnbd}: per-customer purchase summaries are computed in the warehouse, a sample is
 * pulled to fit BG/NBD and Gamma-Gamma, and every customer is scored by pull-score-push (P(alive), expected
 * purchases over the horizon, discounted CLV) into the run's scratch table.
 */
final class ClvStep extends ModelStep<ClvStep.Data> {
    static final List<String> SUMMARY = List.of("frequency", "recency", "age", "monetary");

    record Data(FeatureMatrix matrix) implements Prepared {
        @Override
        public String sampleHash() {
            return matrix.sampleHash();
        }
    }

    private final LtvSegmentType.ClvSettings clv;
    private final PropensitySegmentType.Grouping grouping;

    ClvStep(ModelDefinition def, LtvSegmentType.ClvSettings clv, PropensitySegmentType.Grouping grouping) {
        super(def, clv.canonical() + "\n" + grouping.canonical());
        this.clv = clv;
        this.grouping = grouping;
    }

    /** Per customer: repeat purchase days (frequency), recency and age in the time unit, mean repeat-day spend. */
    String summarySql(WarehouseAdapter adapter) {
        String key = adapter.quote(def.entityKey());
        double unit = clv.weeks() ? 7.0 : 1.0;
        String source = ScoringSql.populationRelation(adapter, def);
        String from = source.startsWith("SELECT") ? "(" + source + ") __src" : source;
        // without an analysis_date the observation period ends at the latest transaction
        String end = clv.analysisDate() != null ? "DATE '" + clv.analysisDate() + "'"
                : "(SELECT MAX(CAST(" + adapter.quote(clv.date()) + " AS DATE)) FROM " + from + ")";
        return "SELECT __cid AS " + key + ", COUNT(*) - 1 AS frequency, "
                + days(adapter, "__first", "MAX(__day)") + " / " + unit + " AS recency, "
                + days(adapter, "__first", end) + " / " + unit + " AS age, "
                + "CASE WHEN COUNT(*) > 1 THEN SUM(CASE WHEN __day > __first THEN __amount ELSE 0 END) / (COUNT(*) - 1)"
                + " ELSE 0 END AS monetary FROM (SELECT __cid, __day, __amount, MIN(__day) OVER (PARTITION BY __cid) AS __first"
                + " FROM (SELECT " + key + " AS __cid, CAST(" + adapter.quote(clv.date()) + " AS DATE) AS __day, SUM("
                + adapter.flavor().toDouble(adapter.quote(clv.amount())) + ") AS __amount FROM " + from + " WHERE " + key + " IS NOT NULL AND "
                + "CAST(" + adapter.quote(clv.date()) + " AS DATE) <= " + end + " GROUP BY 1, 2) __daily) __d GROUP BY __cid, __first";
    }

    private static String days(WarehouseAdapter adapter, String from, String to) {
        return adapter.flavor().daysBetween(from, to);
    }

    @Override
    protected Data prepare(WarehouseAdapter adapter) {
        List<FeatureSpec> specs = SUMMARY.stream().map(n -> FeatureSpec.of(n, NullPolicy.FAIL)).toList();
        FeatureMatrix pulled = FeaturePull.of(summarySql(adapter), def.entityKey(), specs)
                .withSample(def.sampleSize(), def.seed()).pull(adapter);
        noteSample(pulled, "customers");
        return new Data(pulled);
    }

    private static CustomerRfm rfm(Object id, double[] r) {
        return new CustomerRfm(String.valueOf(id), (int) Math.round(r[0]), r[0] == 0 ? 0 : r[1], r[2], r[3]);
    }

    @Override
    protected ModelMetadata fit(WarehouseAdapter adapter, Data data, Optional<ModelMetadata> previous) {
        FeatureMatrix m = data.matrix();
        List<CustomerRfm> customers = new ArrayList<>(m.rows());
        for (int i = 0; i < m.rows(); i++) customers.add(rfm(m.entityId(i), m.row(i)));
        BgNbdFitter.Fit purchases = BgNbdFitter.fit(customers);
        GammaGammaFitter.Fit spend = GammaGammaFitter.fit(customers);
        CustomerLifetimeValue value = clvOf(purchases.model(), spend.model());
        double alive = 0;
        double total = 0;
        for (CustomerRfm c : customers) {
            alive += purchases.model().probabilityAlive(c.frequency(), c.recency(), c.age());
            total += value.of(c, clv.horizonMonths(), clv.discountRate());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("customers", (double) customers.size());
        metrics.put("repeat_customers", (double) spend.customersUsed());
        metrics.put("bgnbd_log_likelihood", purchases.logLikelihood());
        metrics.put("gamma_gamma_log_likelihood", spend.logLikelihood());
        metrics.put("mean_p_alive", alive / customers.size());
        metrics.put("mean_clv", total / customers.size());
        Map<String, Object> params = baseParams();
        params.put("algorithm", "bgnbd");
        params.put("bgnbd", ModelParams.bgNbd(purchases.model()));
        params.put("gamma_gamma", ModelParams.gammaGamma(spend.model()));
        params.put("analysis_date", clv.analysisDate() == null ? "latest transaction" : clv.analysisDate());
        params.put("time_unit", clv.weeks() ? "weeks" : "days");
        params.put("horizon_months", clv.horizonMonths());
        params.put("discount_rate", clv.discountRate());
        String sql = summarySql(adapter) + "\n-- scored by pull-score-push: BG/NBD + Gamma-Gamma";
        return registry.registerParams(def.name(), ModelMetadata.draft("ltv", "bgnbd+gamma_gamma",
                ModelRegistry.sha256(sql), m.sampleHash(), metrics, SUMMARY, params));
    }

    private CustomerLifetimeValue clvOf(BgNbdModel purchases, GammaGammaModel spend) {
        return new CustomerLifetimeValue(purchases, spend, clv.weeks() ? CustomerLifetimeValue.WEEKS_PER_MONTH : 30.0);
    }

    @Override
    protected String score(WarehouseAdapter adapter, ModelMetadata meta, SegmentRunContext run) {
        BgNbdModel purchases = ModelParams.bgNbd(Params.map(meta.params().get("bgnbd")));
        GammaGammaModel spend = ModelParams.gammaGamma(Params.map(meta.params().get("gamma_gamma")));
        CustomerLifetimeValue value = clvOf(purchases, spend);
        double horizon = clv.horizonMonths() * (clv.weeks() ? CustomerLifetimeValue.WEEKS_PER_MONTH : 30.0);
        PullScorePush.run(adapter, summarySql(adapter), def.entityKey(), SUMMARY, rows -> {
            Object[][] out = new Object[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                CustomerRfm c = rfm("", rows[i]);
                out[i] = new Object[] {purchases.probabilityAlive(c.frequency(), c.recency(), c.age()),
                        purchases.expectedPurchases(horizon, c.frequency(), c.recency(), c.age()),
                        value.of(c, clv.horizonMonths(), clv.discountRate())};
            }
            return out;
        }, List.of(ColumnDef.of("p_alive", "DOUBLE"), ColumnDef.of("expected_purchases", "DOUBLE"),
                ColumnDef.of("clv", "DOUBLE")), run.scratch(), 10_000);
        String segment = grouping.threshold() != null
                ? Tiers.thresholdSql("clv", grouping.threshold(), grouping.above(), grouping.below())
                : Tiers.quantileTiersSql("clv", adapter.quote(def.entityKey()), grouping.tiers());
        Map<String, String> numbers = new LinkedHashMap<>();
        numbers.put("clv", "clv");
        numbers.put("p_alive", "p_alive");
        numbers.put("expected_purchases", "expected_purchases");
        return "SELECT " + adapter.quote(def.entityKey()) + " AS entity_id, " + segment + " AS segment, clv AS score, "
                + ScoringSql.explanation(adapter, meta.name(), meta.version(), numbers, Map.of()) + " AS explanation FROM "
                + adapter.render(run.scratch()) + " WHERE clv IS NOT NULL";
    }
}
