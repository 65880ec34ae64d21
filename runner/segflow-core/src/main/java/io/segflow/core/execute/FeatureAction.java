package io.segflow.core.execute;

import io.segflow.core.compile.CompiledNode;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseAdapter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Materialises one feature as a view, a table, or an incremental table merged on its unique key. */
final class FeatureAction extends RelationAction {
    private final boolean fullRefresh;

    FeatureAction(CompiledNode node, WarehouseAdapter adapter, boolean fullRefresh, Set<String> waitsFor,
                  Map<String, Boolean> schemasReady) {
        super(node, adapter, waitsFor, schemasReady);
        this.fullRefresh = fullRefresh;
    }

    @Override
    public NodeResult run() {
        long start = System.nanoTime();
        RelationName rel = node.relation();
        if ("ephemeral".equals(node.config().materialized())) {
            // nothing to build: dependents carry its query as a CTE
            return new NodeResult(node.id(), node.name(), NodeStatus.SUCCESS, "ephemeral", null, -1, 0, null);
        }
        createSchemaOnce();
        String how = node.config().materialized();
        long rows = -1;
        switch (how) {
            case "view" -> adapter.replaceView(rel, node.compiledSql());
            case "table" -> rows = countedRows(rel, adapter.replaceTableReportingRows(rel, node.compiledSql()));
            case "incremental" -> {
                Built built = buildIncremental(rel);
                how = built.how();
                rows = countedRows(rel, built.rows());
            }
            default -> throw new IllegalStateException("unknown materialization " + how);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return new NodeResult(node.id(), node.name(), NodeStatus.SUCCESS, how, adapter.render(rel), rows, secs,
                null);
    }

    /** How an incremental feature was built, and its rows when the warehouse reported them (else -1). */
    private record Built(String how, long rows) {
    }

    private Built buildIncremental(RelationName rel) {
        TableInfo existing = adapter.describe(rel).orElse(null);
        if (fullRefresh || existing == null || existing.kind() == TableInfo.Kind.VIEW) {
            if (existing != null && existing.kind() == TableInfo.Kind.VIEW) adapter.dropIfExists(rel);
            return new Built("incremental (full build)", adapter.replaceTableReportingRows(rel, node.compiledSql()));
        }
        if (!sameColumns(existing.columns(), node.columns())) {
            throw new IllegalStateException("the columns of " + rel + " changed since it was built ("
                    + names(existing.columns()) + " -> " + names(node.columns())
                    + "); run with --full-refresh to rebuild it");
        }
        adapter.mergeInto(rel, node.compiledIncrementalSql(), node.config().uniqueKey());
        return new Built("incremental (merge)", -1);
    }

    private static boolean sameColumns(List<ColumnDef> a, List<ColumnDef> b) {
        return names(a).equals(names(b));
    }

    private static List<String> names(List<ColumnDef> cols) {
        return cols.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** The reported row count, or a count(*) when the warehouse did not report one. */
    private long countedRows(RelationName rel, long reported) {
        return reported >= 0 ? reported : countRows(rel);
    }
}
