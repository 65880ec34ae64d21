package io.segflow.ml.sqlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.ml.propensity.TribuoRows;
import io.segflow.spi.RowStream;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.classification.Label;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;

/** Saabas contributions computed in DuckDB add up, with the bias, to the log-odds of the SQL score on every row. */
class XGBoostContributionsTest {
    @BeforeAll
    static void load() {
        XGBoostSqlTest.load();
    }

    @AfterAll
    static void close() {
        XGBoostSqlTest.close();
    }

    @Test
    void contributionsPlusBiasAreTheLogOddsOnEveryRow() {
        XGBoostModel<Label> model = new XGBoostClassificationTrainer(20, 0.3, 0, 4, 1, 1, 1, 1, 0, 1, true, 7L)
                .train(TribuoRows.classification(XGBoostSqlTest.telco));
        XGBoostContributions c = assertAddUp(model);
        assertEquals(splitFeatures(model), new TreeSet<>(c.byFeature().keySet()));
        XGBoostContributions top3 = XGBoostContributions.of(model, TribuoRows.POSITIVE, XGBoostSqlTest.sqlFeatures(), 3);
        assertEquals(List.copyOf(c.byFeature().keySet()).subList(0, 3), List.copyOf(top3.byFeature().keySet()));
        assertTrue(top3.featuresSplitOn() > 3);
    }

    @Test
    void aFeatureNeverSplitOnGetsNoContribution() {
        // two depth-1 rounds of two-class softprob: at most four splits, so most of the nine features are unused
        XGBoostModel<Label> model = new XGBoostClassificationTrainer(2, 0.3, 0, 1, 1, 1, 1, 1, 0, 1, true, 7L)
                .train(TribuoRows.classification(XGBoostSqlTest.telco));
        XGBoostContributions c = assertAddUp(model);
        TreeSet<String> split = splitFeatures(model);
        assertEquals(split, new TreeSet<>(c.byFeature().keySet()));
        List<String> unused = XGBoostSqlTest.NAMES.stream().filter(n -> !split.contains(n)).toList();
        assertFalse(unused.isEmpty());
        unused.forEach(n -> assertFalse(c.byFeature().containsKey(n), n));
    }

    /** Scores every Telco row with the SQL score and contributions; checks sum + bias == logit(score). */
    private static XGBoostContributions assertAddUp(XGBoostModel<Label> model) {
        SqlFeatures features = XGBoostSqlTest.sqlFeatures();
        XGBoostContributions c = XGBoostContributions.of(model, TribuoRows.POSITIVE, features, 100);
        assertFalse(c.byFeature().isEmpty());
        String score = XGBoostSql.probability(model, TribuoRows.POSITIVE, features);
        StringBuilder sql = new StringBuilder("SELECT ").append(score);
        c.byFeature().values().forEach(e -> sql.append(", ").append(e));
        sql.append(" FROM telco");
        int rows = 0;
        double maxDiff = 0;
        try (RowStream rs = XGBoostSqlTest.db.query(sql.toString())) {
            while (rs.hasNext()) {
                Object[] r = rs.next();
                double p = ((Number) r[0]).doubleValue();
                double sum = c.bias();
                for (int i = 1; i < r.length; i++) sum += ((Number) r[i]).doubleValue();
                maxDiff = Math.max(maxDiff, Math.abs(Math.log(p / (1 - p)) - sum));
                rows++;
            }
        }
        System.out.println("Saabas contributions: " + c.byFeature().size() + " features, SQL length " + sql.length()
                + " (score alone " + score.length() + ")"
                + ", max |bias + sum - logit(p)| = " + maxDiff);
        assertEquals(io.segflow.ml.TelcoTable.ROWS, rows);
        assertTrue(maxDiff < 1e-6, "max diff " + maxDiff);
        return c;
    }

    /** Feature names split on according to XGBoost's own text dump (independent of the JSON the SQL is read from). */
    private static TreeSet<String> splitFeatures(XGBoostModel<Label> model) {
        TreeSet<String> out = new TreeSet<>();
        Pattern split = Pattern.compile("\\[f(\\d+)<");
        try {
            for (String tree : model.getInnerModels().get(0).getModelDump((String) null, false)) {
                Matcher m = split.matcher(tree);
                while (m.find()) out.add(model.getFeatureIDMap().get(Integer.parseInt(m.group(1))).getName());
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
