package io.segflow.core.segment.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a segmentation's membership into the warehouse with history. The new membership is first
 * materialised into a staging table; then ONE {@link WarehouseAdapter#executeAtomically} transaction appends
 * the changes, closes and opens history rows, replaces the current members and records the run in
 * {@code segflow_runs}; the staging table is dropped after the commit. A run killed before that commit leaves the
 * last good state (and a staging table, dropped by the next run). The statements are {@link MembershipSql}'s.
 *
 * <p>Membership is compared as (entity, group) pairs: when they are identical to the current members the
 * members, history and changes tables are not touched (not even scores or explanations); the run is still
 * recorded in segflow_runs with {@code changed = false}.
 */
public final class MembershipStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WarehouseAdapter adapter;
    private final MembershipTables tables;
    private final MembershipSql sql;

    public MembershipStore(WarehouseAdapter adapter, MembershipTables tables, boolean multiMembership) {
        this.adapter = adapter;
        this.tables = tables;
        this.sql = new MembershipSql(StoreDialect.of(adapter), tables, multiMembership);
    }

    public MembershipTables tables() {
        return tables;
    }

    /** Drops a staging table left by a killed run and makes sure the schema exists. */
    public void prepare() {
        adapter.createSchemaIfMissing(tables.schema());
        adapter.dropIfExists(tables.staging());
    }

    /**
     * Stages {@code membershipSql} (target dialect; columns entity_id, segment, score, explanation) and
     * applies it atomically as run {@code runId}.
     */
    public RunSummary write(String membershipSql, String runId, Instant startedAt, String definitionHash) {
        prepare();
        adapter.replaceTable(tables.staging(), sql.stage(membershipSql));
        createTablesIfMissing();

        Map<String, Long> sizes = new TreeMap<>();
        try (RowStream rows = adapter.query(sql.sizesQuery())) {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                sizes.put(String.valueOf(row[0]), ((Number) row[1]).longValue());
            }
        }
        long total = count(sql.stagedCountQuery());
        long previous = count(sql.currentCountQuery());
        long entered = count(sql.enteredQuery());
        long exited = count(sql.exitedQuery());
        long moved = sql.movedQuery() == null ? 0 : count(sql.movedQuery());
        long keptPairs = count(sql.keptPairsQuery());
        boolean changed = keptPairs != previous || keptPairs != total;
        Double agreement = previous == 0 ? null : (double) keptPairs / previous;
        Map<String, Map<String, Long>> transitions = transitions();

        List<String> statements = new ArrayList<>();
        if (changed) statements.addAll(sql.apply(runId, startedAt));
        statements.add(sql.recordRun(runId, startedAt, Instant.now(), definitionHash, total, json(sizes), changed,
                agreement, json(transitions)));
        adapter.executeAtomically(statements);
        // DDL after the commit: Snowflake would commit a transaction holding it early, BigQuery refuses it there
        adapter.execute(sql.dropStaging());
        return new RunSummary(runId, tables.segmentation(), total, sizes, changed, agreement, transitions, entered,
                exited, moved);
    }

    /** Records a failed run in the audit table (best effort; the membership tables are untouched). */
    public void recordFailure(String runId, Instant startedAt, String definitionHash) {
        createRunsTable();
        adapter.execute(sql.recordFailure(runId, startedAt, definitionHash));
    }

    /** (Re)creates the {@code <name>_export} view: members of groups with at least {@code minSize} members. */
    public void writeExportView(int minSize) {
        adapter.replaceView(tables.export(), sql.exportView(minSize));
    }

    private Map<String, Map<String, Long>> transitions() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        try (RowStream rows = adapter.query(sql.transitionsQuery())) {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                out.computeIfAbsent(String.valueOf(row[0]), k -> new TreeMap<>())
                        .put(String.valueOf(row[1]), ((Number) row[2]).longValue());
            }
        }
        return out;
    }

    private void createTablesIfMissing() {
        for (String ddl : sql.createTables()) adapter.execute(ddl);
        createRunsTable();
    }

    private void createRunsTable() {
        adapter.createSchemaIfMissing(tables.schema());
        adapter.execute(sql.createRunsTable());
    }

    private long count(String query) {
        try (RowStream rows = adapter.query(query)) {
            return ((Number) rows.next()[0]).longValue();
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ordered sizes for display: declared groups first (0 when empty), then any others. */
    public static Map<String, Long> ordered(Map<String, Long> sizes, List<String> declared) {
        Map<String, Long> out = new LinkedHashMap<>();
        declared.forEach(d -> out.put(d, sizes.getOrDefault(d, 0L)));
        sizes.forEach(out::putIfAbsent);
        return out;
    }
}
