package io.segflow.ml.registry;

import java.util.List;
import java.util.Map;

/**
 * What the registry stores beside a model: kind (propensity, ltv, cluster, clv), algorithm, the version and time
 * (ISO-8601 UTC) the registry assigned, Tribuo provenance as JSON (null for non-Tribuo models), the SHA-256 of the compiled
 * scoring SQL and of the training sample, metrics, feature names and parameters (for models that are not Tribuo
 * models, e.g. a GMM or BG/NBD, the parameters are the model). {@code modelFile} is null when there is no binary.
 */
public record ModelMetadata(String name, int version, String kind, String algorithm, String createdAt,
                            String provenanceJson, String compiledSqlHash, String sampleHash,
                            Map<String, Double> metrics, List<String> features, Map<String, Object> params,
                            String modelFile) {
    public ModelMetadata {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        features = features == null ? List.of() : List.copyOf(features);
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** Metadata to register: name, version, time and file are filled in by {@link ModelRegistry}. */
    public static ModelMetadata draft(String kind, String algorithm, String compiledSqlHash, String sampleHash,
                                      Map<String, Double> metrics, List<String> features, Map<String, Object> params) {
        return new ModelMetadata(null, 0, kind, algorithm, null, null, compiledSqlHash, sampleHash, metrics, features,
                params, null);
    }

    ModelMetadata assigned(String newName, int newVersion, String at, String provenance, String file) {
        return new ModelMetadata(newName, newVersion, kind, algorithm, at, provenance, compiledSqlHash, sampleHash,
                metrics, features, params, file);
    }
}
