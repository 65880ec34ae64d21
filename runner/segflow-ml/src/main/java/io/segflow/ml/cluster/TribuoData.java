package io.segflow.ml.cluster;

import java.util.List;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Builds Tribuo clustering examples and datasets from dense rows. */
final class TribuoData {
    private static final ClusteringFactory FACTORY = new ClusteringFactory();

    private TribuoData() {
    }

    static Example<ClusterID> example(String[] names, double[] row) {
        return new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, row.clone());
    }

    static MutableDataset<ClusterID> dataset(List<String> featureNames, double[][] rows) {
        String[] names = featureNames.toArray(String[]::new);
        List<Example<ClusterID>> examples = new java.util.ArrayList<>(rows.length);
        for (double[] row : rows) {
            examples.add(example(names, row));
        }
        return new MutableDataset<>(new ListDataSource<>(examples, FACTORY,
                new SimpleDataSourceProvenance("segflow-dense-rows", FACTORY)));
    }
}
