package io.segflow.core.execute;

import io.segflow.core.compile.CompiledNode;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.Map;
import java.util.Set;

/** A node that builds its relation in the warehouse (a feature or a snapshot): what both need to do so. */
abstract class RelationAction implements NodeAction {
    protected final CompiledNode node;
    protected final WarehouseAdapter adapter;
    private final Set<String> waitsFor;
    /** Schemas created (or found) earlier in this run, shared by the run's actions. */
    private final Map<String, Boolean> schemasReady;

    RelationAction(CompiledNode node, WarehouseAdapter adapter, Set<String> waitsFor, Map<String, Boolean> schemasReady) {
        this.node = node;
        this.adapter = adapter;
        this.waitsFor = Set.copyOf(waitsFor);
        this.schemasReady = schemasReady;
    }

    @Override
    public String id() {
        return node.id();
    }

    @Override
    public String name() {
        return node.name();
    }

    @Override
    public Set<String> waitsFor() {
        return waitsFor;
    }

    /** Creates the node's schema unless an earlier node of the run did (or is doing so: computeIfAbsent waits). */
    protected void createSchemaOnce() {
        schemasReady.computeIfAbsent(node.relation().schema(), s -> {
            adapter.createSchemaIfMissing(s);
            return Boolean.TRUE;
        });
    }

    /** Rows of {@code rel} by count(*). */
    protected long countRows(RelationName rel) {
        try (RowStream rs = adapter.query("select count(*) from " + adapter.render(rel))) {
            Object v = rs.next()[0];
            return ((Number) v).longValue();
        }
    }
}
