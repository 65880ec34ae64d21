package io.segflow.core.execute;

import io.segflow.core.compile.CompiledNode;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseAdapter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Materialises one feature as a view, a table, or an incremental table merged on its unique key. */
final class FeatureAction implements NodeAction {
    private final CompiledNode node;
    private final WarehouseAdapter adapter;
    private final boolean fullRefresh;
    private final Set<String> waitsFor;

    FeatureAction(CompiledNode node, WarehouseAdapter adapter, boolean fullRefresh, Set<String> waitsFor) {
        this.node = node;
        this.adapter = adapter;
        this.fullRefresh = fullRefresh;
        this.waitsFor = Set.copyOf(waitsFor);
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

    @Override
    public NodeResult run() {
        long start = System.nanoTime();
        RelationName rel = node.relation();
        adapter.createSchemaIfMissing(rel.schema());
        String how = node.config().materialized();
        long rows = -1;
        switch (how) {
            case "view" -> adapter.replaceView(rel, node.compiledSql());
            case "table" -> {
                adapter.replaceTable(rel, node.compiledSql());
                rows = countRows(adapter, rel);
            }
            case "incremental" -> {
                how = buildIncremental(rel);
                rows = countRows(adapter, rel);
            }
            default -> throw new IllegalStateException("unknown materialization " + how);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return new NodeResult(node.id(), node.name(), NodeStatus.SUCCESS, how, adapter.render(rel), rows, secs,
                null);
    }

    private String buildIncremental(RelationName rel) {
        TableInfo existing = adapter.describe(rel).orElse(null);
        if (fullRefresh || existing == null || existing.kind() == TableInfo.Kind.VIEW) {
            if (existing != null && existing.kind() == TableInfo.Kind.VIEW) adapter.dropIfExists(rel);
            adapter.replaceTable(rel, node.compiledSql());
            return "incremental (full build)";
        }
        if (!sameColumns(existing.columns(), node.columns())) {
            throw new IllegalStateException("the columns of " + rel + " changed since it was built ("
                    + names(existing.columns()) + " -> " + names(node.columns())
                    + "); run with --full-refresh to rebuild it");
        }
        adapter.mergeInto(rel, node.compiledIncrementalSql(), node.config().uniqueKey());
        return "incremental (merge)";
    }

    private static boolean sameColumns(List<ColumnDef> a, List<ColumnDef> b) {
        return names(a).equals(names(b));
    }

    private static List<String> names(List<ColumnDef> cols) {
        return cols.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    }

    static long countRows(WarehouseAdapter adapter, RelationName rel) {
        try (RowStream rs = adapter.query("select count(*) from " + adapter.render(rel))) {
            Object v = rs.next()[0];
            return ((Number) v).longValue();
        }
    }
}
