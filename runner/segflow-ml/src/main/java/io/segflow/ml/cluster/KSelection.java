package io.segflow.ml.cluster;

import io.segflow.ml.eval.ClusterQuality;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Chooses k for k-means over a range by silhouette (on a sample), reporting Davies-Bouldin as well. */
public final class KSelection {
    private static final int RESTARTS = 10;
    private KSelection() {
    }

    /** Quality of one candidate k, measured in the standardised space the model was trained in. */
    public record Candidate(int k, KMeansClustering model, double silhouette, double daviesBouldin) {
    }

    /** Result: all candidates and the chosen one (highest silhouette; ties to the smaller k). */
    public record Result(List<Candidate> candidates, Candidate best) {
    }

    public static Result choose(List<String> featureNames, double[][] rows, int minK, int maxK, long seed,
                                int silhouetteSample, boolean standardise) {
        if (minK < 2 || maxK < minK) {
            throw new IllegalArgumentException("need 2 <= minK <= maxK");
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int k = minK; k <= maxK; k++) {
            KMeansClustering model = KMeansClustering.train(featureNames, rows, k, 300, seed, standardise, RESTARTS);
            int[] labels = model.predict(rows);
            double[][] z = model.standardizer().transform(rows);
            candidates.add(new Candidate(k, model, ClusterQuality.silhouette(z, labels, silhouetteSample, seed),
                    ClusterQuality.daviesBouldin(z, labels)));
        }
        Candidate best = candidates.stream()
                .max(Comparator.comparingDouble(Candidate::silhouette).thenComparing(c -> -c.k())).orElseThrow();
        return new Result(List.copyOf(candidates), best);
    }
}
