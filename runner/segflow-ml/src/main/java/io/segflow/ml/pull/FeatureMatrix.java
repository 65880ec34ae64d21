package io.segflow.ml.pull;

import java.util.Arrays;
import java.util.List;

/**
 * Pulled training rows: features in one row-major primitive array (NaN = missing, only for
 * {@link NullPolicy#KEEP_MISSING}), entity ids, optional numeric labels and cutoff (snapshot) values, the
 * warehouse-side column statistics and a SHA-256 of the pulled values for provenance.
 */
public final class FeatureMatrix {
    private final List<String> featureNames;
    private final int rows;
    private final double[] values;
    private final Object[] entityIds;
    private final double[] labels;
    private final String[] cutoffs;
    private final List<ColumnStats> stats;
    private final long sourceRows;
    private final String sampleHash;

    FeatureMatrix(List<String> featureNames, int rows, double[] values, Object[] entityIds, double[] labels,
                  String[] cutoffs, List<ColumnStats> stats, long sourceRows, String sampleHash) {
        this.featureNames = List.copyOf(featureNames);
        this.rows = rows;
        this.values = values;
        this.entityIds = entityIds;
        this.labels = labels;
        this.cutoffs = cutoffs;
        this.stats = List.copyOf(stats);
        this.sourceRows = sourceRows;
        this.sampleHash = sampleHash;
    }

    /** A matrix built in memory (tests, synthetic data); the sample hash is computed over the values. */
    public static FeatureMatrix of(List<String> featureNames, double[][] rows, Object[] entityIds, double[] labels,
                                   String[] cutoffs) {
        int d = featureNames.size();
        double[] flat = new double[rows.length * d];
        SampleHasher hasher = new SampleHasher();
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
            hasher.row(entityIds == null ? i : entityIds[i], rows[i], labels == null ? Double.NaN : labels[i],
                    cutoffs == null ? null : cutoffs[i]);
        }
        Object[] ids = entityIds != null ? entityIds.clone()
                : java.util.stream.IntStream.range(0, rows.length).boxed().toArray();
        return new FeatureMatrix(featureNames, rows.length, flat, ids, labels == null ? null : labels.clone(),
                cutoffs == null ? null : cutoffs.clone(), List.of(), rows.length, hasher.hex());
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return featureNames.size();
    }

    public double get(int row, int column) {
        return values[row * featureNames.size() + column];
    }

    /** A copy of one row. */
    public double[] row(int i) {
        int d = featureNames.size();
        return Arrays.copyOfRange(values, i * d, (i + 1) * d);
    }

    /** All rows as a fresh double[][] (for the clustering trainers). */
    public double[][] toRows() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = row(i);
        }
        return out;
    }

    public Object entityId(int i) {
        return entityIds[i];
    }

    public boolean hasLabels() {
        return labels != null;
    }

    public double label(int i) {
        if (labels == null) {
            throw new IllegalStateException("this pull has no label");
        }
        return labels[i];
    }

    public boolean hasCutoffs() {
        return cutoffs != null;
    }

    /** The cutoff (snapshot) value of row i as ISO text, which sorts chronologically. */
    public String cutoff(int i) {
        if (cutoffs == null) {
            throw new IllegalStateException("this pull has no cutoff column");
        }
        return cutoffs[i];
    }

    /** Warehouse-side statistics, one per feature (empty for in-memory matrices). */
    public List<ColumnStats> stats() {
        return stats;
    }

    /** Rows of the filtered relation before sampling. */
    public long sourceRows() {
        return sourceRows;
    }

    /** SHA-256 (hex) over entity ids, values, labels and cutoffs in pull order. */
    public String sampleHash() {
        return sampleHash;
    }

    /** The rows at {@code indices}, in that order (the hash is recomputed for the subset). */
    public FeatureMatrix subset(int[] indices) {
        int d = featureNames.size();
        double[] v = new double[indices.length * d];
        Object[] ids = new Object[indices.length];
        double[] l = labels == null ? null : new double[indices.length];
        String[] c = cutoffs == null ? null : new String[indices.length];
        SampleHasher hasher = new SampleHasher();
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            System.arraycopy(values, i * d, v, k * d, d);
            ids[k] = entityIds[i];
            if (l != null) {
                l[k] = labels[i];
            }
            if (c != null) {
                c[k] = cutoffs[i];
            }
            hasher.row(ids[k], row(i), l == null ? Double.NaN : l[k], c == null ? null : c[k]);
        }
        return new FeatureMatrix(featureNames, indices.length, v, ids, l, c, stats, sourceRows, hasher.hex());
    }
}
