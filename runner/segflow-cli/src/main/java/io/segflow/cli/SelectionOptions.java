package io.segflow.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** --select / --exclude, dbt style. */
public final class SelectionOptions {
    @Option(names = {"-s", "--select"}, arity = "1..*", paramLabel = "SELECTOR",
            description = "Nodes to include: name, +name (with ancestors), name+ (with descendants), tag:x, path:dir, type:segment.")
    List<String> select = new ArrayList<>();

    @Option(names = "--exclude", arity = "1..*", paramLabel = "SELECTOR", description = "Nodes to leave out (same syntax).")
    List<String> exclude = new ArrayList<>();
}
