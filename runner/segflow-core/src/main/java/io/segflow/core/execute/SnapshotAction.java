package io.segflow.core.execute;

import io.segflow.core.compile.CompiledNode;
import io.segflow.core.project.SnapshotSpec;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.sql.SqlFlavor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a dbt snapshot (SCD type 2) with dbt's columns {@code dbt_scd_id}, {@code dbt_updated_at},
 * {@code dbt_valid_from}, {@code dbt_valid_to}. The first run creates the table from the query; later runs close the
 * current version of every changed row (and, with {@code hard_deletes: invalidate}, of rows gone from the query) and
 * insert the new versions, all in one transaction ({@link WarehouseAdapter#executeAtomically}). Changed means
 * {@code updated_at} moved forward ({@code timestamp}) or a checked column differs, nulls included ({@code check}).
 * Warehouse spellings (types, md5, timestamp literals) come from the adapter's {@link SqlFlavor}.
 */
final class SnapshotAction extends RelationAction {
    private static final String SNAP = "dbt_snap";
    private static final String SRC = "dbt_src";

    private final SnapshotSpec spec;
    private final SqlFlavor flavor;
    private final Instant now;

    SnapshotAction(CompiledNode node, SnapshotSpec spec, WarehouseAdapter adapter, Set<String> waitsFor,
                   Map<String, Boolean> schemasReady, Instant now) {
        super(node, adapter, waitsFor, schemasReady);
        this.spec = spec;
        this.flavor = adapter.flavor();
        this.now = now;
    }

    @Override
    public NodeResult run() {
        long start = System.nanoTime();
        RelationName rel = node.relation();
        createSchemaOnce();
        List<String> columns = sourceColumns();
        for (String k : spec.uniqueKey()) require(columns, k, "unique_key");
        if (spec.updatedAt() != null) require(columns, spec.updatedAt(), "updated_at");
        spec.checkColumns().forEach(c -> require(columns, c, "check_cols"));
        TableInfo existing = adapter.describe(rel).orElse(null);
        String how;
        if (existing == null) {
            adapter.replaceTable(rel, "select " + select(columns) + " from (" + node.compiledSql() + ") " + q(SRC));
            how = "snapshot (created)";
        } else {
            List<String> have = existing.columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            List<String> want = new ArrayList<>(columns);
            want.addAll(SnapshotSpec.META_COLUMNS);
            if (!have.equals(want.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList())) {
                throw new IllegalStateException("the columns of snapshot " + rel + " changed since it was created ("
                        + have + " -> " + want + "); snapshots keep their history, so add columns to the table by hand "
                        + "or snapshot into a new table");
            }
            adapter.executeAtomically(update(columns));
            how = "snapshot (" + spec.strategy() + ")";
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return new NodeResult(node.id(), node.name(), NodeStatus.SUCCESS, how, adapter.render(rel),
                countRows(rel), secs, null);
    }

    /** Closing statements, then the insert of new versions. */
    List<String> update(List<String> columns) {
        String target = adapter.render(node.relation()) + " as " + q(SNAP);
        String source = "(" + node.compiledSql() + ") " + q(SRC);
        String current = q(SNAP) + "." + q("dbt_valid_to") + " is null";
        List<String> out = new ArrayList<>();
        if ("timestamp".equals(spec.strategy())) {
            String updated = ts(q(SRC) + "." + q(spec.updatedAt()));
            out.add("update " + target + " set " + q("dbt_valid_to") + " = (select " + updated + " from " + source
                    + " where " + keysMatch() + ") where " + current + " and exists (select 1 from " + source + " where "
                    + keysMatch() + " and " + updated + " > " + q(SNAP) + "." + q("dbt_valid_from") + ")");
        } else {
            List<String> checked = spec.checkColumns().isEmpty() ? columns : spec.checkColumns();
            String changed = checked.stream().map(c -> q(SRC) + "." + q(c) + " is distinct from " + q(SNAP) + "." + q(c))
                    .collect(Collectors.joining(" or "));
            out.add("update " + target + " set " + q("dbt_valid_to") + " = " + nowLiteral() + " where " + current
                    + " and exists (select 1 from " + source + " where " + keysMatch() + " and (" + changed + "))");
        }
        if (spec.invalidateHardDeletes()) {
            out.add("update " + target + " set " + q("dbt_valid_to") + " = " + nowLiteral() + " where " + current
                    + " and not exists (select 1 from " + source + " where " + keysMatch() + ")");
        }
        List<String> all = new ArrayList<>(columns);
        all.addAll(SnapshotSpec.META_COLUMNS);
        out.add("insert into " + adapter.render(node.relation()) + " (" + all.stream().map(this::q).collect(Collectors.joining(", "))
                + ") select " + select(columns) + " from " + source + " where not exists (select 1 from "
                + target + " where " + keysMatch() + " and " + current + ")");
        return out;
    }

    /** The query's columns and dbt's four, for the rows of {@code dbt_src}. */
    private String select(List<String> columns) {
        String validFrom = "timestamp".equals(spec.strategy()) ? ts(q(SRC) + "." + q(spec.updatedAt())) : nowLiteral();
        StringBuilder id = new StringBuilder();
        for (String k : spec.uniqueKey()) id.append("coalesce(cast(").append(q(SRC)).append('.').append(q(k))
                .append(" as ").append(flavor.stringType()).append("), '') || '|' || ");
        id.append("cast(").append(validFrom).append(" as ").append(flavor.stringType()).append(')');
        return columns.stream().map(c -> q(SRC) + "." + q(c)).collect(Collectors.joining(", "))
                + ", " + flavor.md5Hex(id.toString()) + " as " + q("dbt_scd_id")
                + ", " + validFrom + " as " + q("dbt_updated_at")
                + ", " + validFrom + " as " + q("dbt_valid_from")
                + ", cast(null as " + flavor.timestampType() + ") as " + q("dbt_valid_to");
    }

    private String keysMatch() {
        return spec.uniqueKey().stream().map(k -> q(SRC) + "." + q(k) + " = " + q(SNAP) + "." + q(k))
                .collect(Collectors.joining(" and "));
    }

    private String ts(String expr) {
        return "cast(" + expr + " as " + flavor.timestampType() + ")";
    }

    private String nowLiteral() {
        return flavor.timestampLiteral(now);
    }

    private String q(String identifier) {
        return adapter.quote(identifier);
    }

    /** The snapshot query's own columns (the compiled row type less dbt's four). */
    private List<String> sourceColumns() {
        return node.columns().stream().map(ColumnDef::name)
                .filter(c -> !SnapshotSpec.META_COLUMNS.contains(c.toLowerCase(Locale.ROOT))).toList();
    }

    private static void require(List<String> columns, String column, String key) {
        if (columns.stream().noneMatch(c -> c.equalsIgnoreCase(column))) {
            throw new IllegalStateException(key + " column '" + column + "' is not a column of the snapshot query " + columns);
        }
    }
}
