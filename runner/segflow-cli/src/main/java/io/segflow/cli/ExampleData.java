package io.segflow.cli;

import io.segflow.datagen.ExampleDataGenerator;
import io.segflow.datagen.GenerationSummary;
import io.segflow.spi.WarehouseAdapter;
import java.util.Locale;

/** Generates the synthetic example tables and reports what was written. */
final class ExampleData {
    private ExampleData() {
    }

    static GenerationSummary generate(WarehouseAdapter adapter, long customers, long seed, String schema,
                                      Console console) {
        console.info(String.format(Locale.ROOT, "generating synthetic example data: %,d customers, seed %d, into %s.*",
                customers, seed, schema));
        GenerationSummary summary = new ExampleDataGenerator(customers, seed)
                .generate(adapter, schema, new ProgressBar(console, "customers", customers));
        summary.rowCounts().forEach((table, rows) ->
                console.info(String.format(Locale.ROOT, "  %s.%-16s %,12d rows", schema, table, rows)));
        return summary;
    }
}
