package io.segflow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write the deterministic synthetic e-commerce data set (customers, orders, order_items, events, "
                + "support_tickets) into the target, replacing those tables.")
final class GenerateCommand extends ProjectCommand {
    @Option(names = "--customers", description = "Number of customers (default: ${DEFAULT-VALUE}).")
    long customers = 10_000;

    @Option(names = "--seed", description = "Random seed; the same seed gives identical tables (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--schema", description = "Schema to write into (default: ${DEFAULT-VALUE}).")
    String schema = "raw";

    @Override
    int run(Workspace ws) {
        if (customers < 1) {
            console.error("--customers must be at least 1");
            return PROJECT_ERROR;
        }
        ExampleData.generate(ws.adapter(), customers, seed, schema, console);
        return OK;
    }
}
