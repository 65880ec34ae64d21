package io.segflow.ml.propensity;

import io.segflow.ml.TrainingDataException;
import io.segflow.ml.TrainingDataException.Reason;
import io.segflow.ml.pull.FeatureMatrix;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Splits pulled rows for honest evaluation. With two or more distinct cutoff (snapshot) values the split is by
 * time: train on all earlier cutoffs, test on the latest one, so no test row is from the training period. With one
 * cutoff, or none, rows are split by a seeded hash of the entity id (stable across runs and sample sizes).
 */
public record TrainTestSplit(FeatureMatrix train, FeatureMatrix test, String method) {

    public static TrainTestSplit of(FeatureMatrix m, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        String method;
        TreeSet<String> cutoffs = new TreeSet<>();
        if (m.hasCutoffs()) {
            for (int i = 0; i < m.rows(); i++) {
                cutoffs.add(String.valueOf(m.cutoff(i)));
            }
        }
        if (cutoffs.size() >= 2) {
            String latest = cutoffs.last();
            method = "time: train on cutoffs before " + latest + ", test on " + latest;
            for (int i = 0; i < m.rows(); i++) {
                (String.valueOf(m.cutoff(i)).equals(latest) ? test : train).add(i);
            }
        } else {
            method = "hash of entity id, seed " + seed + ", test fraction " + testFraction;
            for (int i = 0; i < m.rows(); i++) {
                (unitHash(m.entityId(i) + ":" + seed) < testFraction ? test : train).add(i);
            }
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new TrainingDataException(Reason.TOO_FEW_ROWS, null, "cannot split " + m.rows()
                    + " rows into non-empty train and test sets (" + method + ")");
        }
        return new TrainTestSplit(m.subset(train.stream().mapToInt(Integer::intValue).toArray()),
                m.subset(test.stream().mapToInt(Integer::intValue).toArray()), method);
    }

    /**
     * A split that keeps the label's class balance: within each class, rows are ordered by a seeded hash of the
     * entity id and the first {@code round(n * testFraction)} go to the test set (stable across runs).
     */
    public static TrainTestSplit stratified(FeatureMatrix m, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : byClass(m, seed)) {
            long n = Math.round(rows.size() * testFraction);
            for (int i = 0; i < rows.size(); i++) (i < n ? test : train).add(rows.get(i));
        }
        String method = "stratified by label, hash of entity id, seed " + seed + ", test fraction " + testFraction;
        if (train.isEmpty() || test.isEmpty()) {
            throw new TrainingDataException(Reason.TOO_FEW_ROWS, null, "cannot split " + m.rows()
                    + " rows into non-empty train and test sets (" + method + ")");
        }
        train.sort(null);
        test.sort(null);
        return new TrainTestSplit(m.subset(train.stream().mapToInt(Integer::intValue).toArray()),
                m.subset(test.stream().mapToInt(Integer::intValue).toArray()), method);
    }

    /** Row indices per label value (ascending), each list ordered by the seeded hash of the entity id. */
    static List<List<Integer>> byClass(FeatureMatrix m, long seed) {
        java.util.TreeMap<Double, List<Integer>> classes = new java.util.TreeMap<>();
        for (int i = 0; i < m.rows(); i++) classes.computeIfAbsent(m.label(i), k -> new ArrayList<>()).add(i);
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> rows : classes.values()) {
            double[] key = new double[m.rows()];
            for (int i : rows) key[i] = unitHash(m.entityId(i) + ":" + seed);
            rows.sort(java.util.Comparator.<Integer>comparingDouble(i -> key[i]).thenComparing(i -> i));
            out.add(rows);
        }
        return out;
    }

    /** A stable hash of text mapped to [0, 1). */
    static double unitHash(String s) {
        long h = 0xcbf29ce484222325L; // FNV-1a, then a murmur finaliser for good low bits
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }
}
