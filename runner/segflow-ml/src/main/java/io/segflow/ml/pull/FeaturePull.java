package io.segflow.ml.pull;

import io.segflow.ml.TrainingDataException;
import io.segflow.ml.TrainingDataException.Reason;
import io.segflow.ml.sqlgen.SqlFeatures;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.sql.SqlFlavor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A typed, sampled pull of model inputs from a warehouse relation. Everything that touches all rows runs in the
 * warehouse: filtering, NULL/NaN statistics, imputation values (means, medians) and a deterministic seeded sample
 * ({@code ORDER BY hash(key || seed) LIMIT n}, an exact top-n the warehouse does in bounded memory). The JVM only
 * receives the at most {@code sampleSize} sampled rows, streamed into a {@link FeatureMatrix}.
 *
 * <p>Rows whose label expression is NULL are not labelled and are filtered out. Identifiers (entity key, features,
 * cutoff) are column names of the relation; {@code label} and {@code where} are SQL expressions over them.
 */
public final class FeaturePull {
    private final String relation;
    private final String entityKey;
    private final List<FeatureSpec> features;
    private final String label;
    private final String cutoff;
    private final String where;
    private final int sampleSize;
    private final long seed;
    private final boolean rejectConstant;

    private FeaturePull(String relation, String entityKey, List<FeatureSpec> features, String label, String cutoff,
                        String where, int sampleSize, long seed, boolean rejectConstant) {
        this.relation = relation;
        this.entityKey = entityKey;
        this.features = List.copyOf(features);
        this.label = label;
        this.cutoff = cutoff;
        this.where = where;
        this.sampleSize = sampleSize;
        this.seed = seed;
        this.rejectConstant = rejectConstant;
    }

    /**
     * A pull of {@code features} keyed by {@code entityKey} from {@code relation} (a relation name as SQL text,
     * e.g. {@code main."customers"}, or a query starting with SELECT/WITH), sampling up to 100,000 rows with seed 0.
     */
    public static FeaturePull of(String relation, String entityKey, List<FeatureSpec> features) {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(entityKey, "entityKey");
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a pull needs at least one feature");
        }
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (FeatureSpec f : features) {
            if (!seen.add(f.name())) {
                throw new IllegalArgumentException("feature " + f.name() + " is listed twice");
            }
        }
        return new FeaturePull(relation, entityKey, features, null, null, null, 100_000, 0L, false);
    }

    /** A SQL expression giving the numeric (or boolean) label; rows where it is NULL are left out. */
    public FeaturePull withLabel(String labelExpression) {
        return new FeaturePull(relation, entityKey, features, labelExpression, cutoff, where, sampleSize, seed,
                rejectConstant);
    }

    /** A column holding each row's cutoff/snapshot date, carried along for time-based splits. */
    public FeaturePull withCutoff(String cutoffColumn) {
        return new FeaturePull(relation, entityKey, features, label, cutoffColumn, where, sampleSize, seed,
                rejectConstant);
    }

    /** A SQL predicate applied before statistics and sampling. */
    public FeaturePull withWhere(String predicate) {
        return new FeaturePull(relation, entityKey, features, label, cutoff, predicate, sampleSize, seed,
                rejectConstant);
    }

    /** Keep at most {@code n} rows, chosen by a hash of the entity key seeded with {@code seed}. */
    public FeaturePull withSample(int n, long sampleSeed) {
        if (n < 1) {
            throw new IllegalArgumentException("sample size must be positive, got " + n);
        }
        return new FeaturePull(relation, entityKey, features, label, cutoff, where, n, sampleSeed, rejectConstant);
    }

    /** Fail on features with a single distinct value (for standardised models, where they carry no signal). */
    public FeaturePull rejectingConstantFeatures() {
        return new FeaturePull(relation, entityKey, features, label, cutoff, where, sampleSize, seed, true);
    }

    public List<FeatureSpec> features() {
        return features;
    }

    public int sampleSize() {
        return sampleSize;
    }

    /** Runs the pull: checks the columns exist, computes statistics in SQL, validates, then streams the sample. */
    public FeatureMatrix pull(WarehouseAdapter adapter) {
        SqlFlavor dialect = adapter.flavor();
        UnaryOperator<String> quote = adapter::quote;
        requireColumns(adapter, relation, columnsUsed(), "training");
        List<ColumnStats> stats = readStats(adapter, statsSql(quote, dialect));
        long total = stats.isEmpty() ? 0 : stats.get(0).rows();
        validate(stats, total);
        return readSample(adapter, pullSql(quote, dialect, stats), stats, (int) Math.min(total, sampleSize), total);
    }

    private List<String> columnsUsed() {
        List<String> cols = new ArrayList<>();
        cols.add(entityKey);
        features.forEach(f -> cols.add(f.name()));
        if (cutoff != null) {
            cols.add(cutoff);
        }
        return cols;
    }

    /**
     * Fails with {@link Reason#FEATURE_MISSING} naming every column of {@code required} that {@code relation} lacks
     * (compared case-insensitively); {@code stage} ("training", "scoring") goes into the message.
     */
    public static void requireColumns(WarehouseAdapter adapter, String relation, List<String> required, String stage) {
        Set<String> present = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        try (RowStream rs = adapter.query("SELECT * FROM " + from(relation) + " LIMIT 0")) {
            for (ColumnDef c : rs.columns()) {
                present.add(c.name());
            }
        }
        List<String> missing = required.stream().filter(c -> !present.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new TrainingDataException(Reason.FEATURE_MISSING, missing.get(0), "column"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " not found in " + relation
                    + " at " + stage + " time; available columns: " + String.join(", ", present));
        }
    }

    /** The filtered, typed rows as a CTE body: entity, features as DOUBLE with NaN mapped to NULL, label, cutoff. */
    String baseSql(UnaryOperator<String> quote, SqlFlavor dialect) {
        List<String> select = new ArrayList<>();
        select.add(quote.apply(entityKey) + " AS __entity");
        for (int j = 0; j < features.size(); j++) {
            select.add(dialect.nanToNull(dialect.toDouble(quote.apply(features.get(j).name()))) + " AS __f" + j);
        }
        if (label != null) {
            select.add(dialect.toDouble(label) + " AS __label");
        }
        if (cutoff != null) {
            select.add(quote.apply(cutoff) + " AS __cutoff");
        }
        List<String> conditions = new ArrayList<>();
        if (where != null && !where.isBlank()) {
            conditions.add("(" + where + ")");
        }
        String inner = "SELECT " + String.join(", ", select) + " FROM " + from(relation)
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
        List<String> outer = new ArrayList<>();
        outer.add("__entity IS NOT NULL");
        if (label != null) {
            outer.add("__label IS NOT NULL");
        }
        for (int j = 0; j < features.size(); j++) {
            if (features.get(j).nullPolicy() == NullPolicy.DROP) {
                outer.add("__f" + j + " IS NOT NULL");
            }
        }
        return "SELECT * FROM (" + inner + ") __typed WHERE " + String.join(" AND ", outer);
    }

    /** One row: COUNT(*), then per feature COUNT, AVG, MIN, MAX and (when imputed by median) MEDIAN. */
    String statsSql(UnaryOperator<String> quote, SqlFlavor dialect) {
        List<String> aggs = new ArrayList<>();
        aggs.add("COUNT(*)");
        for (int j = 0; j < features.size(); j++) {
            String f = "__f" + j;
            aggs.add("COUNT(" + f + ")");
            aggs.add("AVG(" + f + ")");
            aggs.add("MIN(" + f + ")");
            aggs.add("MAX(" + f + ")");
            aggs.add(features.get(j).nullPolicy() == NullPolicy.IMPUTE_MEDIAN ? dialect.median(f) : "NULL");
        }
        return "WITH __base AS (" + baseSql(quote, dialect) + ") SELECT " + String.join(", ", aggs) + " FROM __base";
    }

    /** The sample: imputed features, ordered by the seeded hash (ties by key) and limited to the sample size. */
    String pullSql(UnaryOperator<String> quote, SqlFlavor dialect, List<ColumnStats> stats) {
        List<String> select = new ArrayList<>();
        select.add("__entity");
        for (int j = 0; j < features.size(); j++) {
            double fill = stats.get(j).imputedWith();
            select.add(Double.isNaN(fill) ? "__f" + j : "COALESCE(__f" + j + ", " + SqlFeatures.literal(fill) + ")");
        }
        if (label != null) {
            select.add("__label");
        }
        if (cutoff != null) {
            select.add("__cutoff");
        }
        return "WITH __base AS (" + baseSql(quote, dialect) + ") SELECT " + String.join(", ", select)
                + " FROM __base ORDER BY " + dialect.seededHash("__entity", seed) + ", __entity LIMIT " + sampleSize;
    }

    private List<ColumnStats> readStats(WarehouseAdapter adapter, String sql) {
        Object[] r;
        try (RowStream rs = adapter.query(sql)) {
            r = rs.next();
        }
        long total = toLong(r[0]);
        List<ColumnStats> out = new ArrayList<>();
        for (int j = 0; j < features.size(); j++) {
            int o = 1 + 5 * j;
            double mean = toDouble(r[o + 1]);
            double median = toDouble(r[o + 4]);
            double fill = switch (features.get(j).nullPolicy()) {
                case IMPUTE_MEAN -> mean;
                case IMPUTE_MEDIAN -> median;
                case IMPUTE_ZERO -> 0.0;
                default -> Double.NaN;
            };
            out.add(new ColumnStats(features.get(j).name(), total, toLong(r[o]), mean, toDouble(r[o + 2]),
                    toDouble(r[o + 3]), median, fill));
        }
        return out;
    }

    private void validate(List<ColumnStats> stats, long total) {
        if (total == 0) {
            throw new TrainingDataException(Reason.NO_ROWS, null, "no rows to train on in " + relation
                    + (where == null ? "" : " where " + where)
                    + " after dropping rows with NULL entity key, label or DROP-policy features");
        }
        List<String> problems = new ArrayList<>();
        TrainingDataException first = null;
        for (int j = 0; j < stats.size(); j++) {
            ColumnStats s = stats.get(j);
            FeatureSpec f = features.get(j);
            TrainingDataException e = null;
            if (s.nonNull() == 0) {
                e = new TrainingDataException(Reason.ALL_NULL, f.name(), "feature " + f.name()
                        + " is NULL or NaN in all " + total + " rows");
            } else if (f.nullPolicy() == NullPolicy.FAIL && s.nulls() > 0) {
                e = new TrainingDataException(Reason.NULLS_NOT_ALLOWED, f.name(), "feature " + f.name() + " has "
                        + s.nulls() + " NULL/NaN values in " + total + " rows but its null policy is FAIL;"
                        + " declare impute_mean, impute_median, impute_zero, keep_missing or drop");
            } else if (rejectConstant && s.constant()) {
                e = new TrainingDataException(Reason.CONSTANT_FEATURE, f.name(), "feature " + f.name()
                        + " has the single value " + s.min() + " in all " + s.nonNull()
                        + " non-NULL rows; it cannot be standardised, remove it");
            }
            if (e != null) {
                problems.add(e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new TrainingDataException(first.reason(), first.feature(), String.join("; ", problems));
        }
    }

    private FeatureMatrix readSample(WarehouseAdapter adapter, String sql, List<ColumnStats> stats, int capacity,
                                     long total) {
        int d = features.size();
        double[] values = new double[capacity * d];
        Object[] ids = new Object[capacity];
        double[] labels = label == null ? null : new double[capacity];
        String[] cutoffs = cutoff == null ? null : new String[capacity];
        SampleHasher hasher = new SampleHasher();
        double[] row = new double[d];
        int n = 0;
        try (RowStream rs = adapter.query(sql)) {
            while (rs.hasNext()) {
                Object[] r = rs.next();
                if (n == capacity) {
                    throw new IllegalStateException("warehouse returned more rows than the sample size " + capacity);
                }
                ids[n] = r[0];
                for (int j = 0; j < d; j++) {
                    row[j] = toDouble(r[1 + j]);
                }
                System.arraycopy(row, 0, values, n * d, d);
                int o = 1 + d;
                double l = Double.NaN;
                if (labels != null) {
                    l = labels[n] = toDouble(r[o++]);
                }
                if (cutoffs != null) {
                    cutoffs[n] = r[o] == null ? null : r[o].toString();
                }
                hasher.row(ids[n], row, l, cutoffs == null ? null : cutoffs[n]);
                n++;
            }
        }
        if (n < capacity) { // the relation shrank between the two queries
            values = java.util.Arrays.copyOf(values, n * d);
            ids = java.util.Arrays.copyOf(ids, n);
            labels = labels == null ? null : java.util.Arrays.copyOf(labels, n);
            cutoffs = cutoffs == null ? null : java.util.Arrays.copyOf(cutoffs, n);
        }
        return new FeatureMatrix(features.stream().map(FeatureSpec::name).toList(), n, values, ids, labels, cutoffs,
                stats, total, hasher.hex());
    }

    static String from(String relation) {
        String t = relation.trim();
        String head = t.toLowerCase(Locale.ROOT);
        return head.startsWith("select") || head.startsWith("with") ? "(" + t + ") __rel" : t;
    }

    private static long toLong(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static double toDouble(Object o) {
        if (o == null) {
            return Double.NaN;
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        throw new TrainingDataException(Reason.BAD_VALUE, null, "expected a number, got " + o.getClass().getSimpleName()
                + " value '" + o + "'");
    }
}
