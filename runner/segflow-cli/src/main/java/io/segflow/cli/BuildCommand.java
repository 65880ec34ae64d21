package io.segflow.cli;

import picocli.CommandLine.Command;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Load seeds, build features and segments (training model segments) and run their tests, in DAG "
                + "order; a failing test skips everything downstream.")
final class BuildCommand extends RunLikeCommand {
    @Override
    String commandName() {
        return "build";
    }

    @Override
    boolean loadSeeds() {
        return true;
    }

    @Override
    boolean buildNodes() {
        return true;
    }

    @Override
    boolean runTests() {
        return true;
    }
}
