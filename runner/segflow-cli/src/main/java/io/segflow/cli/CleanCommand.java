package io.segflow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Delete what segflow wrote under target/ (compiled SQL, compile cache, manifest, run results, "
                + "plan, report, docs site, experiment readouts, overlap). Warehouse files kept there (a DuckDB database) and run locks are left alone.")
final class CleanCommand extends ProjectCommand {
    static final List<String> ARTIFACTS = List.of("compiled", "compile-cache", "manifest.json", "run_results.json",
            "plan.json", "plan.md", "report.html", "report.json", "docs", "experiments", "overlap.json");

    @Override
    int run(Workspace ws) {
        Path target = ws.project().targetDir();
        int removed = 0;
        for (String name : ARTIFACTS) {
            Path p = target.resolve(name);
            if (!Files.exists(p)) continue;
            delete(p);
            console.info("removed " + ws.project().root().relativize(p));
            removed++;
        }
        if (removed == 0) console.info("nothing to clean in " + ws.project().root().relativize(target));
        return OK;
    }

    private static void delete(Path path) {
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }
}
