package io.segflow.cli;

import picocli.CommandLine.Command;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build and test the selected nodes in DAG order; a failing test skips everything downstream.")
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
