package io.segflow.cli;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.ml.registry.ModelMetadata;
import io.segflow.ml.segment.ModelStep;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train and register a new version of the selected model segments (cluster, propensity, ltv) "
                + "without writing membership. Reads features already built (run `segflow run` first).")
final class TrainCommand extends ProjectCommand {
    @Mixin
    SelectionOptions selection;

    @Override
    int run(Workspace ws) {
        try (TargetLock lock = TargetLock.acquire(ws.project().targetDir(), ws.targetSpec().name(), "train")) {
            ws.adapter();
            CompiledProject cp = ws.compile();
            List<CompiledSegment> models = ModelSegments.selected(cp, selection);
            if (models.isEmpty()) {
                console.info("no model segments selected");
                return OK;
            }
            int failed = 0;
            for (CompiledSegment s : models) {
                long start = System.nanoTime();
                try {
                    ModelStep.Outcome o = ModelSegments.step(s).train(ws.adapter());
                    console.info(String.format(Locale.ROOT, "trained %s v%d (%s %s) in %.2fs: %s", s.name(),
                            o.model().version(), o.model().kind(), o.model().algorithm(),
                            (System.nanoTime() - start) / 1e9, headline(o.model())));
                } catch (DiagnosticException e) {
                    failed++;
                    console.diagnostics(e.diagnostics(), ws.project().root());
                }
            }
            console.info("trained " + (models.size() - failed) + " of " + models.size() + " model segments");
            return failed == 0 ? OK : FAILURES;
        }
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
