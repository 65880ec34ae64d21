package io.segflow.cli;

import io.segflow.core.execute.Targets;
import io.segflow.core.project.TargetSpec;
import io.segflow.spi.RowStream;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "debug", mixinStandardHelpOptions = true,
        description = "Check the setup without running nodes: the project and profile found, each target's type, the "
                + "env vars its profile reads (set or not, never their values) and a connection test (select 1).")
final class DebugCommand extends ProjectCommand {
    @Option(names = "--all-targets", description = "Test every target of the profile, not only the selected one.")
    boolean allTargets;

    @Override
    int run(Workspace ws) {
        console.print("project " + ws.project().config().name() + " at " + ws.project().root());
        console.print("profile " + ws.project().config().profile() + ", default target " + ws.project().defaultTarget());
        List<TargetSpec> targets = new ArrayList<>();
        if (allTargets) {
            new TreeSet<>(ws.project().targets().keySet()).forEach(n -> targets.add(ws.project().targets().get(n)));
        } else {
            targets.add(ws.targetSpec());
        }
        boolean ok = true;
        for (TargetSpec t : targets) ok &= check(ws, t);
        return ok ? OK : FAILURES;
    }

    private boolean check(Workspace ws, TargetSpec t) {
        console.print("");
        console.print("target " + t.name() + " (" + t.type() + ")");
        Set<String> env = ConnectionCheck.envVars(t);
        for (String name : env) console.print("  env " + name + ": " + (System.getenv(name) == null ? "NOT SET" : "set"));
        long start = System.nanoTime();
        try {
            TargetConfig config = Targets.resolve(ws.project(), t, ws.cliVars(), System.getenv());
            try (WarehouseAdapter adapter = Targets.factory(t.type()).open(config);
                 RowStream rows = adapter.query("select 1")) {
                rows.hasNext();
            }
            console.print(String.format(Locale.ROOT, "  connection: OK in %.2fs", (System.nanoTime() - start) / 1e9));
            return true;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            console.print(String.format(Locale.ROOT, "  connection: FAILED after %.2fs: %s", (System.nanoTime() - start) / 1e9, message));
            if (!env.isEmpty()) console.print("  check the env vars above: " + String.join(", ", env));
            return false;
        }
    }
}
