package io.segflow.cli;

import picocli.CommandLine.Command;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the data tests (YAML tests and tests/*.sql) of the selected nodes against the warehouse.")
final class TestCommand extends RunLikeCommand {
    @Override
    String commandName() {
        return "test";
    }

    @Override
    boolean loadSeeds() {
        return false;
    }

    @Override
    boolean buildNodes() {
        return false;
    }

    @Override
    boolean runTests() {
        return true;
    }
}
