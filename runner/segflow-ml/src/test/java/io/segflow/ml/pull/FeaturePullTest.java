package io.segflow.ml.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.ml.TelcoTable;
import io.segflow.ml.TrainingDataException.Reason;
import io.segflow.ml.TrainingDataException;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.sql.SqlFlavor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeaturePullTest {
    static WarehouseAdapter db;

    @BeforeAll
    static void load() {
        db = TelcoTable.open();
        db.execute("CREATE TABLE odd AS SELECT * FROM (VALUES (1, 1.0, NULL::DOUBLE, 5.0, 'NaN'::DOUBLE),"
                + " (2, 2.0, NULL, 5.0, 1.0), (3, 3.0, NULL, 5.0, 3.0)) t(id, x, empty, same, with_nan)");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static FeaturePull telco(NullPolicy totalPolicy) {
        return FeaturePull.of("telco", "customer_id", List.of(FeatureSpec.of("tenure", NullPolicy.FAIL),
                FeatureSpec.of("monthly", NullPolicy.FAIL), FeatureSpec.of("total", totalPolicy),
                FeatureSpec.of("fiber", NullPolicy.FAIL))).withLabel("churned");
    }

    @Test
    void samplesExactlyNRowsChosenInSqlBySeededHash() {
        FeatureMatrix m = telco(NullPolicy.IMPUTE_MEAN).withSample(500, 42).pull(db);
        assertEquals(500, m.rows());
        assertEquals(TelcoTable.ROWS, m.sourceRows());
        // the same 500 ids as the warehouse's own top-500 by the seeded hash
        List<Object> expected = new ArrayList<>();
        try (RowStream rs = db.query("SELECT customer_id FROM telco ORDER BY hash(CAST(customer_id AS VARCHAR)"
                + " || ':42'), customer_id LIMIT 500")) {
            rs.forEachRemaining(r -> expected.add(r[0]));
        }
        for (int i = 0; i < 500; i++) {
            assertEquals(expected.get(i), m.entityId(i));
        }
        FeatureMatrix again = telco(NullPolicy.IMPUTE_MEAN).withSample(500, 42).pull(db);
        assertEquals(m.sampleHash(), again.sampleHash());
        FeatureMatrix other = telco(NullPolicy.IMPUTE_MEAN).withSample(500, 43).pull(db);
        assertNotEquals(m.sampleHash(), other.sampleHash());
        Set<Object> overlap = new HashSet<>(expected);
        overlap.retainAll(java.util.stream.IntStream.range(0, 500).mapToObj(other::entityId).toList());
        assertTrue(overlap.size() < 100, "different seeds give mostly different samples: " + overlap.size());
    }

    @Test
    void imputesMeanComputedInTheWarehouse() {
        FeatureMatrix m = telco(NullPolicy.IMPUTE_MEAN).withSample(10_000, 1).pull(db);
        assertEquals(TelcoTable.ROWS, m.rows());
        ColumnStats total = m.stats().get(2);
        assertEquals(TelcoTable.NULL_TOTALS, total.nulls());
        double sqlMean;
        try (RowStream rs = db.query("SELECT AVG(total) FROM telco")) {
            sqlMean = (Double) rs.next()[0];
        }
        assertEquals(sqlMean, total.imputedWith());
        int imputed = 0;
        for (int i = 0; i < m.rows(); i++) {
            assertFalse(Double.isNaN(m.get(i, 2)));
            if (m.get(i, 2) == sqlMean) {
                imputed++;
            }
        }
        assertEquals(TelcoTable.NULL_TOTALS, imputed);
        double churnRate = 0;
        for (int i = 0; i < m.rows(); i++) {
            churnRate += m.label(i);
        }
        assertEquals(1869, (int) churnRate, "Telco has 1869 churners");
    }

    @Test
    void medianZeroDropAndKeepMissingPolicies() {
        FeatureMatrix median = telco(NullPolicy.IMPUTE_MEDIAN).withSample(10_000, 1).pull(db);
        double sqlMedian;
        try (RowStream rs = db.query("SELECT MEDIAN(total) FROM telco")) {
            sqlMedian = (Double) rs.next()[0];
        }
        assertEquals(sqlMedian, median.stats().get(2).imputedWith());
        FeatureMatrix zero = telco(NullPolicy.IMPUTE_ZERO).withSample(10_000, 1).pull(db);
        assertEquals(0.0, zero.stats().get(2).imputedWith());
        FeatureMatrix dropped = telco(NullPolicy.DROP).withSample(10_000, 1).pull(db);
        assertEquals(TelcoTable.ROWS - TelcoTable.NULL_TOTALS, dropped.rows());
        FeatureMatrix kept = telco(NullPolicy.KEEP_MISSING).withSample(10_000, 1).pull(db);
        long nans = java.util.stream.IntStream.range(0, kept.rows()).filter(i -> Double.isNaN(kept.get(i, 2))).count();
        assertEquals(TelcoTable.NULL_TOTALS, nans);
    }

    @Test
    void nanIsTreatedAsNull() {
        FeatureMatrix m = FeaturePull.of("odd", "id", List.of(FeatureSpec.of("with_nan", NullPolicy.IMPUTE_MEAN)))
                .pull(db);
        assertEquals(2.0, m.stats().get(0).mean());
        assertEquals(1, m.stats().get(0).nulls());
    }

    @Test
    void failPolicyNamesTheFeatureAndNullCount() {
        TrainingDataException e = assertThrows(TrainingDataException.class, () -> telco(NullPolicy.FAIL).pull(db));
        assertEquals(Reason.NULLS_NOT_ALLOWED, e.reason());
        assertEquals("total", e.feature());
        assertTrue(e.getMessage().contains("11 NULL/NaN values in 7043 rows"), e.getMessage());
    }

    @Test
    void emptyAllNullConstantAndMissingColumnsFailClearly() {
        TrainingDataException none = assertThrows(TrainingDataException.class,
                () -> telco(NullPolicy.DROP).withWhere("tenure < 0").pull(db));
        assertEquals(Reason.NO_ROWS, none.reason());
        assertTrue(none.getMessage().contains("tenure < 0"));

        TrainingDataException allNull = assertThrows(TrainingDataException.class, () -> FeaturePull.of("odd", "id",
                List.of(FeatureSpec.of("x", NullPolicy.FAIL), FeatureSpec.of("empty", NullPolicy.IMPUTE_MEAN))).pull(db));
        assertEquals(Reason.ALL_NULL, allNull.reason());
        assertEquals("feature empty is NULL or NaN in all 3 rows", allNull.getMessage());

        FeaturePull constant = FeaturePull.of("odd", "id", List.of(FeatureSpec.of("x", NullPolicy.FAIL),
                FeatureSpec.of("same", NullPolicy.FAIL)));
        assertEquals(3, constant.pull(db).rows(), "constant features are fine unless the model standardises");
        TrainingDataException c = assertThrows(TrainingDataException.class,
                () -> constant.rejectingConstantFeatures().pull(db));
        assertEquals(Reason.CONSTANT_FEATURE, c.reason());
        assertEquals("same", c.feature());

        TrainingDataException missing = assertThrows(TrainingDataException.class, () -> FeaturePull.of("telco",
                "customer_id", List.of(FeatureSpec.of("tenure", NullPolicy.FAIL),
                        FeatureSpec.of("lifetime_spend", NullPolicy.FAIL))).pull(db));
        assertEquals(Reason.FEATURE_MISSING, missing.reason());
        assertTrue(missing.getMessage().startsWith("column lifetime_spend not found in telco at training time"),
                missing.getMessage());
    }

    @Test
    void pullsFromAQueryAndCarriesCutoffs() {
        FeatureMatrix m = FeaturePull.of("SELECT * FROM telco WHERE senior = 1", "customer_id",
                List.of(FeatureSpec.of("tenure", NullPolicy.FAIL))).withCutoff("snapshot_date").withSample(50, 3)
                .pull(db);
        assertEquals(50, m.rows());
        assertTrue(m.cutoff(0).startsWith("2024-0"), m.cutoff(0));
    }

    @Test
    void sqlForOtherWarehousesUsesTheirFlavorsHashAndCasts() {
        FeaturePull p = telco(NullPolicy.IMPUTE_MEAN).withSample(10, 7);
        List<ColumnStats> stats = List.of(new ColumnStats("tenure", 1, 1, 1, 1, 1, Double.NaN, Double.NaN),
                new ColumnStats("monthly", 1, 1, 1, 1, 1, Double.NaN, Double.NaN),
                new ColumnStats("total", 1, 1, 2.5, 1, 1, Double.NaN, 2.5),
                new ColumnStats("fiber", 1, 1, 1, 1, 1, Double.NaN, Double.NaN));
        SqlFlavor other = new SqlFlavor() {
            @Override
            public SqlDialect dialect() {
                return AnsiSqlDialect.DEFAULT;
            }

            @Override
            public String seededHash(String key, long seed) {
                return "FINGERPRINT(" + key + ", " + seed + ")";
            }

            @Override
            public String toDouble(String expr) {
                return "CAST(" + expr + " AS REAL64)";
            }
        };
        String sql = p.pullSql(s -> "`" + s + "`", other, stats);
        assertTrue(sql.contains("ORDER BY FINGERPRINT(__entity, 7), __entity LIMIT 10"), sql);
        assertTrue(sql.contains("CAST(`tenure` AS REAL64)"), sql);
        assertTrue(sql.contains("COALESCE(__f2, 2.5)"), sql);
    }
}
