package io.segflow.cli;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.execute.NodeAction;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.ProjectExecutor;
import io.segflow.core.execute.ExecuteOptions;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.SegmentAction;
import io.segflow.core.segment.SegmentPlan;
import io.segflow.ml.segment.ModelStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Re-score the selected model segments with their latest registered model versions (no training) "
                + "and write membership with history. Scoring runs in the warehouse where the model compiles to SQL.")
final class ScoreCommand extends ProjectCommand {
    @Mixin
    SelectionOptions selection;

    @picocli.CommandLine.Option(names = "--force", description = "Publish even when a guard or an error-severity "
            + "segment test blocks the new membership; the run is recorded as forced.")
    boolean force;

    @Override
    int run(Workspace ws) {
        try (TargetLock lock = TargetLock.acquire(ws.project().targetDir(), ws.targetSpec().name(), "score")) {
            ws.adapter();
            CompiledProject cp = ws.compile();
            List<CompiledSegment> models = ModelSegments.selected(cp, selection);
            if (models.isEmpty()) {
                console.info("no model segments selected");
                return OK;
            }
            String runId = RunLikeCommand.runId(Instant.now());
            List<NodeAction> actions = new ArrayList<>();
            for (CompiledSegment s : models) {
                ModelStep<?> step = ModelSegments.step(s);
                SegmentPlan p = s.plan();
                SegmentPlan scoring = new SegmentPlan(p.dependsOn(), p.population(), p.populationKey(), null,
                        step::scoreLatest, p.segmentNames(), p.multiMembership(), p.profileSql(), p.definition());
                CompiledSegment scored = new CompiledSegment(s.id(), s.name(), s.type(), s.spec(), scoring, null,
                        s.compiledProfileSql(), s.definitionHash(), s.tests());
                actions.add(new SegmentAction(scored, cp, ws.adapter(), runId, force, Set.of()));
            }
            ExecuteOptions options = new ExecuteOptions(1, false, false, true, false);
            List<NodeResult> results = new ProjectExecutor(cp, ws.adapter()).execute(actions, options, console);
            long failed = results.stream().filter(r -> r.status().isFailure()).count();
            for (NodeResult r : results) {
                if (r.status().isFailure()) console.print("  " + r.status() + " " + r.id() + ": " + r.message());
            }
            console.info("scored " + (results.size() - failed) + " of " + results.size() + " model segments");
            return failed == 0 ? OK : FAILURES;
        }
    }
}
