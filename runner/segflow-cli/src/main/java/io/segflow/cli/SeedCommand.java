package io.segflow.cli;

import picocli.CommandLine.Command;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Load the selected CSV seeds (seeds/*.csv, or seeds declared with a path) into the warehouse.")
final class SeedCommand extends RunLikeCommand {
    @Override
    String commandName() {
        return "seed";
    }

    @Override
    boolean loadSeeds() {
        return true;
    }

    @Override
    boolean buildNodes() {
        return false;
    }

    @Override
    boolean runTests() {
        return false;
    }
}
