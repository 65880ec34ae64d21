package io.segflow.core.segment.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseAdapter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a segmentation's membership into the warehouse with history (write, audit, publish). The new
 * membership is first materialised into a staging table, each row with its current group, and compared with the
 * current membership by two aggregates ({@link #stage}); the
 * caller checks it, then either {@link #block}s it or {@link #publish}es it: ONE
 * {@link WarehouseAdapter#executeAtomically} transaction appends
 * the changes, copies the member rows that leave to the ended history, replaces the current members and records
 * the run in {@code segflow_runs}; the staging table is dropped after the commit. A run killed before that commit leaves the
 * last good state (and a staging table, dropped by the next run). The statements are {@link MembershipSql}'s.
 *
 * <p>Membership is compared as (entity, group) pairs: when they are identical to the current members the
 * members, history and changes tables are not touched (not even scores or explanations); the run is still
 * recorded in segflow_runs with {@code changed = false}.
 *
 * <p>{@code <name>_history} is a view: the ended memberships ({@code <name>_history_closed}) and the current members
 * as open rows. A history TABLE left by an earlier segflow is moved to that layout by the first run that finds it
 * (in the publish transaction where DDL is transactional, while staging elsewhere).
 *
 * <p>A first run on a warehouse with transactional DDL ({@code SqlFlavor#transactionalDdl}) has nothing to compare
 * with: it is staged in the members table's shape and the publish transaction renames the staging table to the
 * members table (after creating the ended history and changes and recording every member as entered), instead of
 * copying every row.
 */
public final class MembershipStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NONE = "(none)";

    private final WarehouseAdapter adapter;
    private final MembershipTables tables;
    private final MembershipSql sql;
    /** {@link #prepare} ran for the current run (reset when a run is published or blocked). */
    private boolean prepared;
    /** The staging table holds a first run in the members' shape, to be renamed into place. */
    private boolean stagedAsMembers;
    /** This store may have left a staging table (set before staging, cleared once it is renamed or dropped). */
    private boolean stagingLeft = true;
    /** The migration of an earlier segflow's history table, to run in the publish transaction (else empty). */
    private List<String> historyMigration = List.of();

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
        adapter.execute(sql.dropStagingIfExists());
        stagingLeft = false;
        prepared = true;
    }

    /** Stages and publishes {@code membershipSql} as run {@code runId}, with no checks in between. */
    public RunSummary write(String membershipSql, String runId, Instant startedAt, String definitionHash) {
        return publish(stage(membershipSql, runId, startedAt), runId, startedAt, definitionHash, "success", null);
    }

    /**
     * As {@link #stage(String)}, for run {@code runId}: on a warehouse with transactional DDL, a first run (no
     * members table yet) is staged in the members table's shape with nothing to compare, and {@link #publish}
     * renames it into place inside the publish transaction instead of copying every row.
     */
    public StagedMembership stage(String membershipSql, String runId, Instant startedAt) {
        if (!adapter.flavor().transactionalDdl()) return stage(membershipSql);
        if (!prepared) prepare();
        if (adapter.describe(tables.members()).isPresent() || historyIsTable()) return stage(membershipSql);
        String query = sql.stageAsMembers(membershipSql, runId, startedAt);
        // prepare() has dropped the staging table unless a failed run of this store left one since
        if (stagingLeft) adapter.replaceTable(tables.staging(), query);
        else adapter.execute(sql.createStagingAs(query));
        stagingLeft = true;
        createRunsTable();
        historyMigration = List.of();
        stagedAsMembers = true;
        return diff(sql.stagedSizesQuery(), true);
    }

    /**
     * Materialises {@code membershipSql} (target dialect; columns entity_id, segment, score, explanation) into the
     * staging table, joined once with the current members, and counts the difference. Nothing live is touched.
     */
    public StagedMembership stage(String membershipSql) {
        if (!prepared) prepare();
        boolean created = adapter.describe(tables.members()).isEmpty();
        stagingLeft = true;
        adapter.replaceTable(tables.staging(), sql.stage(membershipSql, !created));
        createTablesIfMissing();
        stagedAsMembers = false;
        return diff(sql.stagedTransitionsQuery(), created);
    }

    /** Counts the staged membership (rows of previous group, new group, count) against the current members. */
    private StagedMembership diff(String transitionsQuery, boolean created) {
        Map<String, Long> sizes = new TreeMap<>();
        Map<String, Map<String, Long>> transitions = new TreeMap<>();
        Map<String, Long> leaving = new TreeMap<>();
        long total = 0, previous = 0, entered = 0, moved = 0, kept = 0;
        if (!created) {
            try (RowStream rows = adapter.query(sql.currentSizesQuery())) {
                while (rows.hasNext()) {
                    Object[] row = rows.next();
                    long n = ((Number) row[1]).longValue();
                    leaving.put(String.valueOf(row[0]), n);
                    previous += n;
                }
            }
        }
        try (RowStream rows = adapter.query(transitionsQuery)) {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                String from = row[0] == null ? NONE : String.valueOf(row[0]);
                String to = String.valueOf(row[1]);
                long n = ((Number) row[2]).longValue();
                transitions.computeIfAbsent(from, k -> new TreeMap<>()).merge(to, n, Long::sum);
                sizes.merge(to, n, Long::sum);
                total += n;
                if (row[0] == null) {
                    entered += n;
                    continue;
                }
                leaving.merge(from, -n, Long::sum);
                if (from.equals(to)) kept += n;
                else moved += n;
            }
        }
        long exited = 0;
        for (Map.Entry<String, Long> left : leaving.entrySet()) {
            if (left.getValue() <= 0) continue;
            transitions.computeIfAbsent(left.getKey(), k -> new TreeMap<>()).put(NONE, left.getValue());
            exited += left.getValue();
        }
        return new StagedMembership(total, previous, sizes, entered, exited, moved, kept, transitions, created);
    }

    /**
     * Publishes the staged membership in ONE transaction (changes, history, members, audit row with {@code status}
     * and {@code reason}), then drops the staging table. An unchanged membership only adds the audit row.
     */
    public RunSummary publish(StagedMembership staged, String runId, Instant startedAt, String definitionHash,
                              String status, String reason) {
        List<String> statements = new ArrayList<>();
        if (stagedAsMembers) {
            statements.addAll(sql.publishFirst(runId, startedAt, staged.total()));
            statements.add(auditRow(staged, runId, startedAt, definitionHash, staged.changed(), status, reason));
            adapter.executeAtomically(statements);
            stagedAsMembers = false;
            stagingLeft = false;
            prepared = false;
            return summary(staged, runId);
        }
        if (staged.changed()) {
            statements.addAll(sql.apply(runId, startedAt, staged.entered(), staged.exited(), staged.moved()));
        }
        statements.add(auditRow(staged, runId, startedAt, definitionHash, staged.changed(), status, reason));
        statements.addAll(0, historyMigration);
        adapter.executeAtomically(statements);
        historyMigration = List.of();
        // DDL after the commit: Snowflake would commit a transaction holding it early, BigQuery refuses it there
        adapter.execute(sql.dropStaging());
        stagingLeft = false;
        prepared = false;
        return summary(staged, runId);
    }

    private RunSummary summary(StagedMembership staged, String runId) {
        return new RunSummary(runId, tables.segmentation(), staged.total(), staged.sizes(), staged.changed(),
                staged.agreement(), staged.transitions(), staged.entered(), staged.exited(), staged.moved());
    }

    /**
     * Leaves members, history and changes as they were (absent, when this staging created them; a history table
     * of an earlier segflow not yet migrated): records the run as blocked and drops the staging table.
     */
    public void block(StagedMembership staged, String runId, Instant startedAt, String definitionHash, String reason) {
        adapter.execute(auditRow(staged, runId, startedAt, definitionHash, false, "blocked", reason));
        adapter.execute(sql.dropStaging());
        stagingLeft = false;
        if (staged.tablesCreated() && !stagedAsMembers) {
            // the view first: PostgreSQL refuses to drop a table a view reads
            List<RelationName> created = historyMigration.isEmpty()
                    ? List.of(tables.history(), tables.historyClosed(), tables.members(), tables.changes())
                    : List.of(tables.historyClosed(), tables.members(), tables.changes());
            for (RelationName t : created) adapter.dropIfExists(t);
        }
        historyMigration = List.of();
        stagedAsMembers = false;
        prepared = false;
    }

    /**
     * Records a run that ended before it had a staged membership ({@code status} failed or blocked) in the audit
     * table; the membership tables are untouched.
     */
    public void recordFailure(String runId, Instant startedAt, String definitionHash, String status, String reason) {
        createRunsTable();
        adapter.execute(sql.recordFailure(runId, startedAt, definitionHash, status, reason));
    }

    /**
     * Drops the staging table if a run left it (best effort after a failure); nothing to do, and no round trip,
     * when this store's last run published or blocked it (renamed or dropped).
     */
    public void dropStaging() {
        if (stagingLeft) adapter.dropIfExists(tables.staging());
    }

    private String auditRow(StagedMembership staged, String runId, Instant startedAt, String definitionHash,
                            boolean changed, String status, String reason) {
        return sql.recordRun(runId, startedAt, Instant.now(), definitionHash, staged.total(), json(staged.sizes()),
                changed, staged.agreement(), json(staged.transitions()), status, reason);
    }

    /** (Re)creates the {@code <name>_export} view: members of groups with at least {@code minSize} members. */
    public void writeExportView(int minSize) {
        adapter.replaceView(tables.export(), sql.exportView(minSize));
    }

    private void createTablesIfMissing() {
        for (String ddl : sql.createTables()) adapter.execute(ddl);
        historyMigration = List.of();
        Optional<TableInfo> history = adapter.describe(tables.history());
        if (history.isEmpty()) adapter.execute(sql.historyView());
        else if (history.get().kind() == TableInfo.Kind.TABLE) migrateHistoryTable();
        createRunsTable();
    }

    private boolean historyIsTable() {
        return adapter.describe(tables.history()).filter(t -> t.kind() == TableInfo.Kind.TABLE).isPresent();
    }

    /**
     * In the publish transaction where DDL is transactional; elsewhere now, the copy in one transaction and the DDL
     * after it (a kill in between leaves the table, and the next run copies again).
     */
    private void migrateHistoryTable() {
        List<String> migration = sql.migrateHistoryTable();
        if (adapter.flavor().transactionalDdl()) {
            historyMigration = migration;
            return;
        }
        adapter.executeAtomically(migration.subList(0, 2));
        for (String ddl : migration.subList(2, migration.size())) adapter.execute(ddl);
    }

    private void createRunsTable() {
        if (!prepared) adapter.createSchemaIfMissing(tables.schema());
        adapter.execute(sql.createRunsTable());
        adapter.execute(sql.addReasonColumn());
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
