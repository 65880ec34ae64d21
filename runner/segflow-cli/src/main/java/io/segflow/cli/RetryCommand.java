package io.segflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;

@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Re-run the nodes that failed, errored or were skipped in the last run/test/build "
                + "(target/run_results.json), as that command did.")
final class RetryCommand extends RunLikeCommand {
    private static final Set<String> RETRIED = Set.of("error", "fail", "skipped");
    private String previousCommand = "build";

    @Override
    int run(Workspace ws) {
        Path file = ws.project().targetDir().resolve("run_results.json");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.MISSING_FILE, null,
                    "no readable run results at " + ws.project().root().relativize(file),
                    "retry re-runs what the last `segflow run`, `test` or `build` left failed"));
        }
        previousCommand = root.path("metadata").path("command").asText("build");
        List<String> ids = new ArrayList<>();
        List<String> experiments = new ArrayList<>();
        for (JsonNode r : root.path("results")) {
            String id = r.path("unique_id").asText();
            if (!RETRIED.contains(r.path("status").asText())) continue;
            // experiments are not DAG nodes: they are assigned again by the retry that publishes their segmentation
            (id.startsWith(ExperimentStep.KIND + ".") ? experiments : ids).add(id);
        }
        if (ids.isEmpty()) {
            console.info("nothing to retry: the last " + previousCommand + " had no failed or skipped nodes");
            return OK;
        }
        selection.select = ids;
        long total = ids.size() + (experiments.isEmpty() ? 0 : ExperimentStep.assignedWith(ws.compile(), experiments, ids));
        console.info("retrying " + total + " node" + (total == 1 ? "" : "s") + " of the last " + previousCommand);
        return super.run(ws);
    }

    @Override
    String commandName() {
        return previousCommand;
    }

    @Override
    boolean loadSeeds() {
        return previousCommand.equals("build");
    }

    @Override
    boolean buildNodes() {
        return !previousCommand.equals("test");
    }

    @Override
    boolean runTests() {
        return !previousCommand.equals("run");
    }
}
