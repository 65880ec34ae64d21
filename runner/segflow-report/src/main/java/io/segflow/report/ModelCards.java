package io.segflow.report;

import io.segflow.core.segment.CompiledSegment;
import io.segflow.ml.registry.ModelMetadata;
import io.segflow.ml.registry.ModelRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model card of a model segmentation from the registry's latest version: metrics, global and permutation
 * importance, ROC / calibration / lift (propensity), cluster profiles (z-scored centroids) and the cut-offs.
 */
final class ModelCards {
    private static final Set<String> MODEL_TYPES = Set.of("cluster", "propensity", "ltv");
    private static final List<String> CARRIED = List.of("importance", "permutation_importance", "coefficients",
            "calibration", "roc", "lift", "k_candidates", "split", "cutoffs", "label_window_days", "label", "bgnbd",
            "gamma_gamma", "horizon_months", "discount_rate");

    /** The card's data and the model's own group order (cluster segment names, tiers). */
    record Card(Map<String, Object> data, List<String> groupOrder) {
    }

    private ModelCards() {
    }

    /** The card of the latest version, or null when the segmentation is not a model or has none registered. */
    static Card read(ModelRegistry registry, CompiledSegment seg) {
        if (registry == null || !MODEL_TYPES.contains(seg.type())) return null;
        ModelMetadata meta = registry.latest(seg.name()).orElse(null);
        if (meta == null) return null;
        return of(meta, seg.spec().body());
    }

    static Card of(ModelMetadata meta, Map<String, Object> body) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", meta.name());
        m.put("version", meta.version());
        m.put("kind", meta.kind());
        m.put("algorithm", meta.algorithm());
        m.put("created_at", meta.createdAt());
        m.put("features", meta.features());
        m.put("metrics", meta.metrics());
        for (String key : CARRIED) {
            Object v = meta.params().get(key);
            if (v != null) m.put(key, v);
        }
        List<String> order = new ArrayList<>();
        if (meta.params().get("segments") instanceof List<?> segments && meta.params().get("profiles") instanceof List<?> p) {
            List<Map<String, Object>> profiles = new ArrayList<>();
            for (int i = 0; i < segments.size() && i < p.size(); i++) {
                Map<?, ?> profile = (Map<?, ?>) p.get(i);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("segment", String.valueOf(segments.get(i)));
                row.put("label", profile.get("label"));
                row.put("share", profile.get("share"));
                // versions trained before model cards only kept the top three z-scores
                row.put("z", profile.get("centroid_z") != null ? profile.get("centroid_z") : profile.get("distinguishing_z"));
                row.put("centroid", profile.get("centroid"));
                profiles.add(row);
                order.add(String.valueOf(segments.get(i)));
            }
            m.put("profiles", profiles);
        }
        if (body.get("threshold") instanceof Map<?, ?> t) {
            Map<String, Object> cut = new LinkedHashMap<>();
            cut.put("value", t.get("value"));
            cut.put("above", t.get("above"));
            cut.put("below", t.get("below"));
            m.put("threshold", cut);
            if (t.get("above") != null) order.add(String.valueOf(t.get("above")));
            if (t.get("below") != null) order.add(String.valueOf(t.get("below")));
        } else if (body.get("threshold") instanceof Number n) {
            m.put("threshold", Map.of("value", n));
        }
        if (body.get("tiers") instanceof List<?> tiers) {
            m.put("tiers", tiers.stream().map(String::valueOf).toList());
            tiers.forEach(x -> order.add(String.valueOf(x)));
        }
        return new Card(m, order);
    }
}
