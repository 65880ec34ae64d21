package io.segflow.core.execute;

import io.segflow.core.compile.CompiledSeed;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.seed.CsvReader;
import io.segflow.spi.WarehouseAdapter;
import java.util.Set;

/** Loads a seed CSV into its table through the adapter's bulk path; the old table stays until the load commits. */
final class SeedAction implements NodeAction {
    private final CompiledSeed seed;
    private final WarehouseAdapter adapter;

    SeedAction(CompiledSeed seed, WarehouseAdapter adapter) {
        this.seed = seed;
        this.adapter = adapter;
    }

    @Override
    public String id() {
        return seed.id();
    }

    @Override
    public String name() {
        return seed.seed().name();
    }

    @Override
    public Set<String> waitsFor() {
        return Set.of();
    }

    @Override
    public NodeResult run() {
        long start = System.nanoTime();
        adapter.createSchemaIfMissing(seed.relation().schema());
        long rows;
        try (CsvReader csv = seed.table().open()) {
            rows = adapter.bulkLoad(seed.relation(), seed.columns(), seed.table().rows(csv), true);
        } catch (RuntimeException e) {
            // a bad line in the file is the user's error at file:line, not a warehouse failure wrapping it
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof DiagnosticException d) throw d;
            }
            throw e;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return new NodeResult(seed.id(), name(), NodeStatus.SUCCESS, "seed", adapter.render(seed.relation()), rows,
                secs, null);
    }
}
