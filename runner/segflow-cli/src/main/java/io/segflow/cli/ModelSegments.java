package io.segflow.cli;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.ml.registry.ModelMetadata;
import io.segflow.ml.registry.ModelRegistry;
import io.segflow.ml.segment.ModelDefinition;
import io.segflow.ml.segment.ModelStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The model segments (cluster, propensity, ltv) among the selected nodes, in DAG order. */
final class ModelSegments {
    private ModelSegments() {
    }

    static List<CompiledSegment> selected(CompiledProject cp, SelectionOptions selection) {
        List<CompiledSegment> out = new ArrayList<>();
        for (String id : selection.ids(cp)) {
            CompiledSegment s = cp.segments().get(id);
            if (s != null && s.plan().runtime() != null && s.plan().runtime().resolved() instanceof ModelStep<?>) out.add(s);
        }
        return out;
    }

    static ModelStep<?> step(CompiledSegment s) {
        return (ModelStep<?>) s.plan().runtime().resolved();
    }

    /** The project's model registry (kept out of the command classes so picocli's reflection loads no ML class). */
    static ModelRegistry registry(Workspace ws) {
        return new ModelRegistry(ModelDefinition.registryDir(ws.project()));
    }

    /** The few metrics worth a line: AUC, silhouette, RMSE, ... */
    static String headline(ModelMetadata m) {
        StringBuilder sb = new StringBuilder();
        for (String k : List.of("k", "silhouette", "davies_bouldin", "bic", "auc", "precision", "recall", "brier", "rmse",
                "r2", "customers", "mean_p_alive", "mean_clv", "rows")) {
            Double v = m.metrics().get(k);
            if (v == null) continue;
            if (sb.length() > 0) sb.append(", ");
            sb.append(k).append('=').append(v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf(v.longValue())
                    : String.format(Locale.ROOT, "%.4g", v));
        }
        return sb.toString();
    }
}
