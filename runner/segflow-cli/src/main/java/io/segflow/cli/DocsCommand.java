package io.segflow.cli;

import io.segflow.core.compile.ArtifactWriter;
import io.segflow.core.compile.CompiledProject;
import io.segflow.docs.site.DocsServer;
import io.segflow.docs.site.DocsSite;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "docs", mixinStandardHelpOptions = true,
        description = "Write a static documentation site (features, seeds, sources, tests, segments, DAG, column "
                + "lineage, search) from target/ artifacts into target/docs/; compiles first when target/manifest.json "
                + "is missing. Needs no warehouse. --serve serves it on localhost.")
final class DocsCommand extends ProjectCommand {
    @Option(names = "--serve", description = "Serve the site on http://127.0.0.1:PORT/ until interrupted.")
    boolean serve;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port for --serve (default: 8080).")
    int port;

    @Option(names = "--compile", description = "Compile first even when target/manifest.json exists.")
    boolean compile;

    @Override
    int run(Workspace ws) throws Exception {
        Path targetDir = ws.project().targetDir();
        if (compile || !Files.isRegularFile(targetDir.resolve("manifest.json"))) {
            // the compile cache makes a re-run after a small change cost what `segflow compile` costs
            CompiledProject cp = ws.compile(Workspace.targetNames(common.target), 0, true).get(0);
            ArtifactWriter artifacts = ws.artifacts();
            artifacts.writeCompiled(cp);
            artifacts.writeManifest(cp);
            console.info("compiled " + cp.nodes().size() + " features for target " + cp.options().targetName());
        }
        Path page = DocsSite.write(targetDir);
        Path root = ws.project().root();
        console.info("wrote " + root.relativize(page) + (Files.isRegularFile(page.resolveSibling(DocsSite.REPORT_PAGE))
                ? " (linking the segment report)" : " (no segment report yet: run `segflow report`)"));
        if (!serve) return OK;
        try (DocsServer server = DocsServer.start(page.getParent(), port)) {
            console.info("serving " + server.uri() + " (Ctrl-C stops)");
            Thread.currentThread().join();
        }
        return OK;
    }
}
