package io.segflow.cli;

import io.segflow.core.compile.ArtifactWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "segflow", mixinStandardHelpOptions = true, versionProvider = SegflowCli.Version.class,
        description = "SQL-first customer features and audience segments.%n"
                + "Exit codes: 0 success, 1 failed nodes/tests or warehouse errors, 2 usage or project errors.")
public final class SegflowCli implements Runnable {
    /**
     * The subcommands in help order. Picocli reflects over every registered command class when the command line is
     * built, so a run that names its command registers that one alone (startup time); help and errors get all.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("init", InitCommand::new);
        COMMANDS.put("compile", CompileCommand::new);
        COMMANDS.put("seed", SeedCommand::new);
        COMMANDS.put("run", RunCommand::new);
        COMMANDS.put("test", TestCommand::new);
        COMMANDS.put("build", BuildCommand::new);
        COMMANDS.put("train", TrainCommand::new);
        COMMANDS.put("score", ScoreCommand::new);
        COMMANDS.put("models", ModelsCommand::new);
        COMMANDS.put("ls", LsCommand::new);
        COMMANDS.put("lineage", LineageCommand::new);
        COMMANDS.put("report", ReportCommand::new);
        COMMANDS.put("docs", DocsCommand::new);
        COMMANDS.put("catalog", CatalogCommand::new);
        COMMANDS.put("generate", GenerateCommand::new);
        COMMANDS.put("plan", PlanCommand::new);
        COMMANDS.put("show", ShowCommand::new);
        COMMANDS.put("clean", CleanCommand::new);
        COMMANDS.put("retry", RetryCommand::new);
        COMMANDS.put("debug", DebugCommand::new);
        COMMANDS.put("experiment", ExperimentCommand::new);
        COMMANDS.put("export", ExportCommand::new);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"segflow " + ArtifactWriter.VERSION};
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs a command line and returns the exit code (used by main and by tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new SegflowCli());
        Supplier<Object> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(args[0], named.get());
        } else {
            COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
            cli.addSubcommand(new CommandLine.HelpCommand());
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // `-s orders --store-failures` must report an unknown option, not take it as a second selector
        cli.setUnmatchedOptionsAllowedAsOptionParameters(false);
        return cli.execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
