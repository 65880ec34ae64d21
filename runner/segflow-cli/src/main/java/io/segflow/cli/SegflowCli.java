package io.segflow.cli;

import io.segflow.core.compile.ArtifactWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "segflow", mixinStandardHelpOptions = true, versionProvider = SegflowCli.Version.class,
        description = "SQL-first customer features and audience segments.%n"
                + "Exit codes: 0 success, 1 failed nodes/tests or warehouse errors, 2 usage or project errors.",
        subcommands = {InitCommand.class, CompileCommand.class, SeedCommand.class, RunCommand.class, TestCommand.class,
                BuildCommand.class, TrainCommand.class, ScoreCommand.class, ModelsCommand.class, LsCommand.class,
                LineageCommand.class, ReportCommand.class, CatalogCommand.class, GenerateCommand.class, PlanCommand.class, ShowCommand.class,
                CleanCommand.class, RetryCommand.class, DebugCommand.class,
                CommandLine.HelpCommand.class})
public final class SegflowCli implements Runnable {
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
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // `-s orders --store-failures` must report an unknown option, not take it as a second selector
        cli.setUnmatchedOptionsAllowedAsOptionParameters(false);
        return cli.execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
