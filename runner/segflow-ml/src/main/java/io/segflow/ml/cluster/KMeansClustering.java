package io.segflow.ml.cluster;

import java.util.List;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.math.la.DenseVector;

/**
 * k-means via Tribuo's {@link KMeansTrainer} (k-means++ initialisation, Euclidean distance, seeded) on optionally
 * z-scored features, with stable cluster ids: {@code labelOf[tribuoId]} maps Tribuo's centroid index to the id
 * exposed by this class (identity unless {@link #relabelledAgainst} was used).
 */
public final class KMeansClustering {
    private final KMeansModel model;
    private final Standardizer standardizer;
    private final double[][] centroids; // standardised space, indexed by Tribuo centroid id, columns in feature order
    private final int[] labelOf;
    private final String[] names;

    private KMeansClustering(KMeansModel model, Standardizer standardizer, double[][] centroids, int[] labelOf) {
        this.model = model;
        this.standardizer = standardizer;
        this.centroids = centroids;
        this.labelOf = labelOf;
        this.names = standardizer.featureNames().toArray(String[]::new);
    }

    /** One k-means run: at most {@code maxIterations} Lloyd iterations; {@code standardise} z-scores first. */
    public static KMeansClustering train(List<String> featureNames, double[][] rows, int k, int maxIterations,
                                         long seed, boolean standardise) {
        return train(featureNames, rows, k, maxIterations, seed, standardise, 1);
    }

    /**
     * Best of {@code restarts} k-means runs (seeds seed, seed+1, ...) by inertia (within-cluster sum of squares in
     * the standardised space), like scikit-learn's n_init: a single k-means++ run often stops in a local optimum.
     */
    public static KMeansClustering train(List<String> featureNames, double[][] rows, int k, int maxIterations,
                                         long seed, boolean standardise, int restarts) {
        io.segflow.ml.TrainingDataException.requireClustersAtMostRows(k, rows.length);
        Standardizer s = standardise ? Standardizer.fit(featureNames, rows) : Standardizer.identity(featureNames);
        double[][] z = s.transform(rows);
        int[] identity = java.util.stream.IntStream.range(0, k).toArray();
        KMeansClustering best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int run = 0; run < Math.max(1, restarts); run++) {
            KMeansTrainer trainer = new KMeansTrainer(k, maxIterations, KMeansTrainer.Distance.EUCLIDEAN,
                    KMeansTrainer.Initialisation.PLUSPLUS, 1, seed + run);
            KMeansModel model = trainer.train(TribuoData.dataset(featureNames, z));
            KMeansClustering candidate = new KMeansClustering(model, s, centroidsByName(model, featureNames), identity);
            double inertia = candidate.inertia(rows);
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = candidate;
            }
        }
        return best;
    }

    /** Sum of squared standardised distances from each row to its assigned centroid. */
    public double inertia(double[][] rows) {
        double[][] c = centroidsStandardised();
        double total = 0;
        for (double[] row : rows) {
            total += KMeansPlusPlus.squaredDistance(standardizer.transform(row), c[predict(row)]);
        }
        return total;
    }

    private static double[][] centroidsByName(KMeansModel model, List<String> featureNames) {
        ImmutableFeatureMap fmap = model.getFeatureIDMap();
        DenseVector[] vectors = model.getCentroidVectors();
        double[][] out = new double[vectors.length][featureNames.size()];
        for (int c = 0; c < vectors.length; c++) {
            for (int j = 0; j < featureNames.size(); j++) {
                int id = fmap.getID(featureNames.get(j));
                out[c][j] = id < 0 ? 0.0 : vectors[c].get(id); // a feature never seen non-zero is 0 everywhere
            }
        }
        return out;
    }

    /** Same model with ids renumbered so each cluster keeps the id of the nearest previous cluster. */
    public KMeansClustering relabelledAgainst(KMeansClustering previous) {
        double[][] previousInOurUnits = new double[previous.k()][];
        for (int c = 0; c < previous.k(); c++) {
            previousInOurUnits[c] = standardizer.transform(previous.centroidsOriginalUnits()[c]);
        }
        return new KMeansClustering(model, standardizer, centroids,
                ClusterRelabeler.relabel(previousInOurUnits, centroidsInTribuoOrder()));
    }

    /** Cluster id of a row in original units, predicted by the Tribuo model. */
    public int predict(double[] row) {
        return labelOf[model.predict(TribuoData.example(names, standardizer.transform(row))).getOutput().getID()];
    }

    public int[] predict(double[][] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = predict(rows[i]);
        }
        return out;
    }

    public int k() {
        return centroids.length;
    }

    public Standardizer standardizer() {
        return standardizer;
    }

    /** Centroids in standardised space, row i = cluster id i (the SQL compiler uses these). */
    public double[][] centroidsStandardised() {
        double[][] out = new double[centroids.length][];
        for (int t = 0; t < centroids.length; t++) {
            out[labelOf[t]] = centroids[t].clone();
        }
        return out;
    }

    /** Centroids in the original feature units, row i = cluster id i. */
    public double[][] centroidsOriginalUnits() {
        double[][] z = centroidsStandardised();
        for (int i = 0; i < z.length; i++) {
            z[i] = standardizer.inverse(z[i]);
        }
        return z;
    }

    public KMeansModel tribuoModel() {
        return model;
    }

    private double[][] centroidsInTribuoOrder() {
        double[][] out = new double[centroids.length][];
        for (int t = 0; t < centroids.length; t++) {
            out[t] = centroids[t].clone();
        }
        return out;
    }
}
