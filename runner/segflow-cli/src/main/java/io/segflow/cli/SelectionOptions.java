package io.segflow.cli;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.graph.NodeSelector;
import io.segflow.core.state.StateComparison;
import io.segflow.core.state.StateManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** --select / --exclude, dbt style, and --state for the state: selectors. */
public final class SelectionOptions {
    @Option(names = {"-s", "--select"}, arity = "1..*", paramLabel = "SELECTOR",
            description = "Nodes to include: name, +name (with ancestors), name+ (with descendants), tag:x, path:dir, "
                    + "type:segment, test_type:unit|data (fixture tests / tests on built relations), state:modified, "
                    + "state:new, state:modified.body|config|vars|macros|upstream_schema.")
    List<String> select = new ArrayList<>();

    @Option(names = "--exclude", arity = "1..*", paramLabel = "SELECTOR", description = "Nodes to leave out (same syntax).")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--state", paramLabel = "DIR",
            description = "Artifacts (manifest.json) of a previous run to compare with, e.g. production's target/ directory.")
    Path state;

    private StateManifest previous;

    /** The --state manifest, read once (before this run overwrites target/manifest.json); null without --state. */
    StateManifest previous() {
        if (state != null && previous == null) previous = StateManifest.read(state.toAbsolutePath().normalize());
        return previous;
    }

    /** The comparison state: selectors answer from; null without --state. */
    StateComparison comparison(CompiledProject cp) {
        StateManifest p = previous();
        return p == null ? null : new StateComparison(p, cp.state());
    }

    /** Selected node ids in topological order. */
    List<String> ids(CompiledProject cp) {
        return NodeSelector.select(cp.dag(), select, exclude, comparison(cp));
    }

    /** Ids matched by the --exclude selectors alone. */
    List<String> excludedIds(CompiledProject cp) {
        return exclude.isEmpty() ? List.of() : NodeSelector.select(cp.dag(), exclude, List.of(), comparison(cp));
    }
}
