package io.segflow.ml.registry;

import io.segflow.ml.cluster.CovarianceType;
import io.segflow.ml.cluster.GaussianComponent;
import io.segflow.ml.cluster.GaussianMixtureModel;
import io.segflow.ml.cluster.Standardizer;
import io.segflow.ml.clv.BgNbdModel;
import io.segflow.ml.clv.GammaGammaModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter maps for models that are not Tribuo models, stored as {@link ModelMetadata#params()} and read back
 * (after a JSON round trip numbers come back as Double/Integer and arrays as lists, hence the number helpers).
 */
public final class ModelParams {
    private ModelParams() {
    }

    /** A Gaussian mixture plus the standardisation of its inputs. */
    public static Map<String, Object> gaussianMixture(GaussianMixtureModel model, Standardizer standardizer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("covariance_type", model.covarianceType().name());
        m.put("weights", model.weights());
        List<double[]> means = new ArrayList<>();
        List<double[][]> covariances = new ArrayList<>();
        for (int k = 0; k < model.components(); k++) {
            means.add(model.component(k).mean());
            covariances.add(model.component(k).covariance());
        }
        m.put("means", means);
        m.put("covariances", covariances);
        m.put("standardizer", standardizer(standardizer));
        return m;
    }

    public static GaussianMixtureModel gaussianMixture(Map<String, Object> params) {
        List<?> means = (List<?>) params.get("means");
        List<?> covariances = (List<?>) params.get("covariances");
        List<GaussianComponent> components = new ArrayList<>();
        for (int k = 0; k < means.size(); k++) {
            components.add(new GaussianComponent(vector(means.get(k)), matrix(covariances.get(k))));
        }
        return new GaussianMixtureModel(CovarianceType.valueOf((String) params.get("covariance_type")),
                vector(params.get("weights")), components);
    }

    public static Map<String, Object> standardizer(Standardizer s) {
        return Map.of("features", s.featureNames(), "means", s.means(), "stds", s.stds());
    }

    @SuppressWarnings("unchecked")
    public static Standardizer standardizer(Map<String, Object> params) {
        return new Standardizer((List<String>) params.get("features"), vector(params.get("means")),
                vector(params.get("stds")));
    }

    public static Map<String, Object> bgNbd(BgNbdModel m) {
        return Map.of("r", m.r(), "alpha", m.alpha(), "a", m.a(), "b", m.b());
    }

    public static BgNbdModel bgNbd(Map<String, Object> p) {
        return new BgNbdModel(num(p.get("r")), num(p.get("alpha")), num(p.get("a")), num(p.get("b")));
    }

    public static Map<String, Object> gammaGamma(GammaGammaModel m) {
        return Map.of("p", m.p(), "q", m.q(), "gamma", m.gamma());
    }

    public static GammaGammaModel gammaGamma(Map<String, Object> p) {
        return new GammaGammaModel(num(p.get("p")), num(p.get("q")), num(p.get("gamma")));
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private static double[] vector(Object o) {
        if (o instanceof double[] d) {
            return d.clone();
        }
        return ((List<?>) o).stream().mapToDouble(ModelParams::num).toArray();
    }

    private static double[][] matrix(Object o) {
        if (o instanceof double[][] d) {
            return d;
        }
        return ((List<?>) o).stream().map(ModelParams::vector).toArray(double[][]::new);
    }
}
