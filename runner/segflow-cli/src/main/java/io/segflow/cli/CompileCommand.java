package io.segflow.cli;

import io.segflow.core.compile.ArtifactWriter;
import io.segflow.core.compile.CompiledProject;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Render, validate (Calcite) and compile every feature and test to the target's SQL dialect "
                + "into target/compiled/<target>/ and write target/manifest.json. Needs no warehouse. "
                + "--target a,b emits several targets from one validation.")
final class CompileCommand extends ProjectCommand {
    @picocli.CommandLine.Option(names = "--estimate",
            description = "Also ask the warehouse for a dry-run estimate of the bytes each feature scans (BigQuery).")
    boolean estimate;

    @picocli.CommandLine.Option(names = "--threads", paramLabel = "N",
            description = "Threads that render, validate and emit (default: one per processor).")
    int threads;

    @picocli.CommandLine.Option(names = "--no-cache",
            description = "Recompile every node instead of reusing unchanged ones from target/compile-cache/.")
    boolean noCache;

    @picocli.CommandLine.Mixin
    SelectionOptions selection;

    @Override
    boolean acceptsTargetList() {
        return true;
    }

    @Override
    int run(Workspace ws) {
        selection.previous();
        List<CompiledProject> all = ws.compile(Workspace.targetNames(common.target), threads, !noCache);
        ArtifactWriter artifacts = ws.artifacts();
        boolean selecting = !selection.select.isEmpty() || !selection.exclude.isEmpty();
        java.util.Set<String> chosen = selecting ? new java.util.HashSet<>(selection.ids(all.get(0))) : null;
        for (CompiledProject target : all) {
            List<Path> files = selecting ? artifacts.writeCompiled(target, chosen::contains) : artifacts.writeCompiled(target);
            Path dir = ws.project().root().relativize(artifacts.compiledDir(target.options().targetName()));
            if (selecting) {
                console.info(String.format("wrote %d compiled SQL files of the selected nodes for target %s (%s) into %s",
                        files.size(), target.options().targetName(), target.options().targetType(), dir));
                continue;
            }
            console.info(String.format("compiled %d features and %d tests for target %s (%s) into %s",
                    target.nodes().size(), target.tests().size(), target.options().targetName(),
                    target.options().targetType(), dir));
        }
        CompiledProject cp = all.get(0);
        Path manifest = artifacts.writeManifest(cp);
        console.info("wrote " + ws.project().root().relativize(manifest));
        if (estimate) Estimates.print(cp, ws.readOnlyAdapter(), console);
        return OK;
    }
}
