package io.segflow.cli;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.segment.CompiledSegment;
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
                            (System.nanoTime() - start) / 1e9, ModelSegments.headline(o.model())));
                } catch (DiagnosticException e) {
                    failed++;
                    console.diagnostics(e.diagnostics(), ws.project().root());
                }
            }
            console.info("trained " + (models.size() - failed) + " of " + models.size() + " model segments");
            return failed == 0 ? OK : FAILURES;
        }
    }
}
