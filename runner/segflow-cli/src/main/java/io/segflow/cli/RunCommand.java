package io.segflow.cli;

import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Build the selected features in the warehouse (views, tables, incremental merges), in DAG order.")
final class RunCommand extends RunLikeCommand {
    @Override
    String commandName() {
        return "run";
    }

    @Override
    boolean loadSeeds() {
        return false;
    }

    @Override
    boolean buildNodes() {
        return true;
    }

    @Override
    boolean runTests() {
        return false;
    }
}
