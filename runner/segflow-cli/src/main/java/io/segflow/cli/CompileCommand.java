package io.segflow.cli;

import io.segflow.core.compile.ArtifactWriter;
import io.segflow.core.compile.CompiledProject;
import java.nio.file.Path;
import picocli.CommandLine.Command;

@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Render, validate (Calcite) and compile every feature and test to the target's SQL dialect "
                + "into target/compiled/<target>/ and write target/manifest.json. Needs no warehouse.")
final class CompileCommand extends ProjectCommand {
    @picocli.CommandLine.Option(names = "--estimate",
            description = "Also ask the warehouse for a dry-run estimate of the bytes each feature scans (BigQuery).")
    boolean estimate;

    @Override
    int run(Workspace ws) {
        CompiledProject cp = ws.compile();
        ArtifactWriter artifacts = ws.artifacts();
        artifacts.writeCompiled(cp);
        Path manifest = artifacts.writeManifest(cp);
        Path dir = ws.project().root().relativize(artifacts.compiledDir(cp.options().targetName()));
        console.info(String.format("compiled %d features and %d tests for target %s (%s) into %s",
                cp.nodes().size(), cp.tests().size(), cp.options().targetName(), cp.options().targetType(), dir));
        console.info("wrote " + ws.project().root().relativize(manifest));
        if (estimate) Estimates.print(cp, ws.readOnlyAdapter(), console);
        return OK;
    }
}
