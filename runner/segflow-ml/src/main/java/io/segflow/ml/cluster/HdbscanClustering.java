package io.segflow.ml.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.clustering.hdbscan.HdbscanModel;
import org.tribuo.clustering.hdbscan.HdbscanTrainer;

/** HDBSCAN* via Tribuo's {@link HdbscanTrainer}; labels are compacted to 0..m-1 with -1 for noise. */
public final class HdbscanClustering {
    /** Training labels per row (-1 = noise) and the number of clusters found. */
    public record Result(int[] labels, int clusters, Standardizer standardizer, HdbscanModel model) {
    }

    private HdbscanClustering() {
    }

    public static Result train(List<String> featureNames, double[][] rows, int minClusterSize, boolean standardise) {
        Standardizer s = standardise ? Standardizer.fit(featureNames, rows) : Standardizer.identity(featureNames);
        HdbscanModel model = new HdbscanTrainer(minClusterSize).train(TribuoData.dataset(featureNames, s.transform(rows)));
        List<Integer> raw = model.getClusterLabels(); // Tribuo: 0 is the outlier label
        Map<Integer, Integer> compact = new HashMap<>();
        int[] labels = new int[raw.size()];
        for (int i = 0; i < labels.length; i++) {
            int r = raw.get(i);
            labels[i] = r == 0 ? -1 : compact.computeIfAbsent(r, x -> compact.size());
        }
        return new Result(labels, compact.size(), s, model);
    }
}
