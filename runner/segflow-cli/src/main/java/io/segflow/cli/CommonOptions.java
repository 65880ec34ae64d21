package io.segflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every project command takes (mixed into each subcommand). */
public final class CommonOptions {
    @Option(names = "--project-dir", paramLabel = "DIR", description = "Project root (default: current directory).")
    Path projectDir = Path.of(".");

    @Option(names = "--profiles-dir", paramLabel = "DIR",
            description = "Where profiles.yml lives (default: project dir, then ~/.segflow).")
    Path profilesDir;

    @Option(names = {"-t", "--target"}, paramLabel = "NAME", description = "Target from profiles.yml (default: the profile's target).")
    String target;

    @Option(names = "--vars", paramLabel = "YAML", description = "Variables as a YAML/JSON mapping, e.g. '{as_of_date: 2024-06-30}'.")
    String vars;

    @Option(names = "--debug", description = "Show stack traces and debug output.")
    boolean debug;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text (default) or json (one JSON object per line).")
    String logFormat = "text";
}
