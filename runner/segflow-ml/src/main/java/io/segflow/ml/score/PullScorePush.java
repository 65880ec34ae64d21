package io.segflow.ml.score;

import io.segflow.ml.cluster.KMeansClustering;
import io.segflow.ml.propensity.PropensityModel;
import io.segflow.ml.pull.FeaturePull;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Scoring for models that do not compile to SQL (HDBSCAN, or when forced): streams (entity, features) out of the
 * warehouse, predicts a batch at a time and writes (entity, outputs...) back through
 * {@link WarehouseAdapter#bulkLoad} (the DuckDB Appender, a load job elsewhere), never row-by-row inserts. At most
 * one batch of rows is held in memory. Missing feature values reach the scorer as NaN.
 */
public final class PullScorePush {
    /** Predicts one batch: {@code rows[i]} are feature values, the result's row i the outputs for that row. */
    @FunctionalInterface
    public interface BatchScorer {
        Object[][] score(double[][] rows);
    }

    private PullScorePush() {
    }

    /**
     * Scores every row of {@code relation} and replaces {@code target} with columns entity key (named and typed as
     * in the relation) followed by {@code outputs}. Fails with a clear error when a feature column is missing.
     *
     * @return rows written
     */
    public static long run(WarehouseAdapter adapter, String relation, String entityKey, List<String> features,
                           BatchScorer scorer, List<ColumnDef> outputs, RelationName target, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        List<String> required = new ArrayList<>();
        required.add(entityKey);
        required.addAll(features);
        FeaturePull.requireColumns(adapter, relation, required, "scoring");
        io.segflow.spi.sql.SqlFlavor dialect = adapter.flavor();
        List<String> select = new ArrayList<>();
        select.add(adapter.quote(entityKey));
        for (String f : features) {
            select.add(dialect.nanToNull(dialect.toDouble(adapter.quote(f))));
        }
        String from = relation.trim().toLowerCase(java.util.Locale.ROOT).startsWith("select") ? "(" + relation + ") __rel"
                : relation;
        try (RowStream rs = adapter.query("SELECT " + String.join(", ", select) + " FROM " + from)) {
            List<ColumnDef> columns = new ArrayList<>();
            ColumnDef key = rs.columns().get(0);
            columns.add(new ColumnDef(entityKey, key.type(), false));
            columns.addAll(outputs);
            return adapter.bulkLoad(target, columns, new Batches(rs, features.size(), scorer, batchSize, outputs.size()),
                    true);
        }
    }

    /** Cluster id (BIGINT) of a k-means model, predicted by Tribuo. */
    public static BatchScorer kMeans(KMeansClustering model) {
        return rows -> {
            Object[][] out = new Object[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = new Object[] {hasMissing(rows[i]) ? null : (long) model.predict(rows[i])};
            }
            return out;
        };
    }

    /** Propensity (DOUBLE) of a propensity model. */
    public static BatchScorer propensity(PropensityModel model) {
        return rows -> {
            Object[][] out = new Object[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = new Object[] {model.predict(rows[i])};
            }
            return out;
        };
    }

    private static boolean hasMissing(double[] row) {
        for (double v : row) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** Pulls a batch from the stream, scores it, hands out the scored rows, repeats. */
    private static final class Batches implements Iterator<Object[]> {
        private final RowStream rs;
        private final int d;
        private final BatchScorer scorer;
        private final int batchSize;
        private final int outputs;
        private Object[] ids = new Object[0];
        private Object[][] scored = new Object[0][];
        private int pos;

        Batches(RowStream rs, int d, BatchScorer scorer, int batchSize, int outputs) {
            this.rs = rs;
            this.d = d;
            this.scorer = scorer;
            this.batchSize = batchSize;
            this.outputs = outputs;
        }

        @Override
        public boolean hasNext() {
            if (pos < ids.length) {
                return true;
            }
            if (!rs.hasNext()) {
                return false;
            }
            List<Object> batchIds = new ArrayList<>(batchSize);
            List<double[]> rows = new ArrayList<>(batchSize);
            while (rows.size() < batchSize && rs.hasNext()) {
                Object[] r = rs.next();
                batchIds.add(r[0]);
                double[] x = new double[d];
                for (int j = 0; j < d; j++) {
                    x[j] = r[j + 1] == null ? Double.NaN : ((Number) r[j + 1]).doubleValue();
                }
                rows.add(x);
            }
            ids = batchIds.toArray();
            scored = scorer.score(rows.toArray(double[][]::new));
            if (scored.length != ids.length) {
                throw new IllegalStateException("scorer returned " + scored.length + " rows for " + ids.length);
            }
            pos = 0;
            return true;
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object[] s = scored[pos];
            if (s.length != outputs) {
                throw new IllegalStateException("scorer returned " + s.length + " outputs, expected " + outputs);
            }
            Object[] row = new Object[outputs + 1];
            row[0] = ids[pos];
            System.arraycopy(s, 0, row, 1, outputs);
            pos++;
            return row;
        }
    }
}
