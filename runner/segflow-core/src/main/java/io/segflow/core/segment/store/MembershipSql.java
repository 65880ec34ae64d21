package io.segflow.core.segment.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every statement {@link MembershipStore} sends, as pure functions of the dialect, the tables and the run's values.
 * Only the common SQL subset of DuckDB, Snowflake and BigQuery is used; types and literals come from
 * {@link StoreDialect}. DDL ({@link #createTables}, {@link #createRunsTable}, {@link #dropStaging}) is kept apart
 * from the DML of {@link #apply}: Snowflake commits DDL implicitly and BigQuery transactions cannot hold it.
 */
public final class MembershipSql {
    private final StoreDialect d;
    private final MembershipTables tables;
    private final boolean multi;
    private final String previous;

    public MembershipSql(StoreDialect dialect, MembershipTables tables, boolean multiMembership) {
        this.d = dialect;
        this.tables = tables;
        this.multi = multiMembership;
        this.previous = dialect.quote("previous_segment");
    }

    /**
     * The staging table's query over {@code membershipSql} (target dialect; the contract columns) plus
     * {@code previous_segment}: the entity's current group (single mode) or its current pair's group (multi mode),
     * NULL when it enters. With {@code compare} false (no members table yet) every row enters.
     */
    public String stage(String membershipSql, boolean compare) {
        String e = q("entity_id");
        String g = q("segment");
        String score = "cast(n." + q("score") + " as " + d.float64() + ") as " + q("score");
        String columns = "select n." + e + ", n." + g + ", " + score + ", n." + q("explanation") + ", ";
        if (!compare) return columns + d.nullOf(d.string()) + " as " + previous + " from (" + membershipSql + ") n";
        return columns + "p." + g + " as " + previous + " from (" + membershipSql + ") n left join " + r(tables.members())
                + " p on " + keyMatch();
    }

    /**
     * The first run's staging query on a warehouse with transactional DDL: the new membership already in the
     * members table's shape (run id and update time of run {@code runId}), so that publishing renames it into place
     * instead of copying every row; see {@link #publishFirst}.
     */
    public String stageAsMembers(String membershipSql, String runId, Instant startedAt) {
        return "select n." + q("entity_id") + ", n." + q("segment") + ", cast(n." + q("score") + " as " + d.float64()
                + ") as " + q("score") + ", n." + q("explanation") + ", " + d.literal(runId) + " as " + q("run_id")
                + ", " + d.flavor().membershipUpdatedAtValue(startedAt) + " as " + q("updated_at") + " from ("
                + membershipSql + ") n";
    }

    /** The staged sizes in the shape of {@link #stagedTransitionsQuery}, for a staging table with nothing to diff. */
    public String stagedSizesQuery() {
        return "select " + d.nullOf(d.string()) + ", " + q("segment") + ", count(*) from " + r(tables.staging())
                + " group by " + q("segment");
    }

    /**
     * The first run's publish (one transaction, DDL included, on a warehouse with transactional DDL): creates the
     * (empty) ended-history and changes tables, records every staged membership as entered, renames the staging table
     * (staged by {@link #stageAsMembers}) to the members table and creates the history view over both (after the
     * rename: DuckDB binds a view when it is created). The current members are the history's open rows, so no
     * history row is written.
     */
    public List<String> publishFirst(String runId, Instant startedAt, long staged) {
        List<String> ddl = createTables();
        List<String> out = new ArrayList<>(ddl.subList(1, 3));
        if (staged > 0) {
            out.add("insert into " + r(tables.changes()) + " select " + d.literal(runId) + ", " + q("entity_id")
                    + ", 'entered', " + d.nullOf(d.string()) + ", " + q("segment") + ", "
                    + d.timestampLiteral(startedAt) + " from " + r(tables.staging()));
        }
        out.add("alter table " + r(tables.staging()) + " rename to " + q(tables.members().name()));
        out.add(historyView());
        return out;
    }

    /**
     * The history view: ended memberships, then the current members as open rows (valid_from the update time of the
     * run that put them in their group, valid_to NULL), in the columns and types the history table had.
     */
    public String historyView() {
        String cols = q("entity_id") + ", " + q("segment") + ", " + q("score") + ", ";
        return "create or replace view " + r(tables.history()) + " as select " + cols + q("valid_from") + ", "
                + q("valid_to") + ", " + q("run_id") + " from " + r(tables.historyClosed()) + " union all select "
                + cols + validFrom() + " as " + q("valid_from") + ", " + d.nullOf(d.timestamp()) + " as "
                + q("valid_to") + ", " + q("run_id") + " from " + r(tables.members());
    }

    /**
     * Moves a history TABLE written by an earlier segflow (open rows copied the members) to the ended-history table
     * and the view. Repeatable: a partly done migration (warehouses whose DDL commits on its own) starts over.
     */
    public List<String> migrateHistoryTable() {
        String closed = r(tables.historyClosed());
        return List.of("delete from " + closed + " where true",
                "insert into " + closed + " select " + q("entity_id") + ", " + q("segment") + ", " + q("score") + ", "
                        + q("valid_from") + ", " + q("valid_to") + ", " + q("run_id") + " from " + r(tables.history())
                        + " where " + q("valid_to") + " is not null",
                d.flavor().dropTableWithDependents(r(tables.history())),
                historyView());
    }

    private String validFrom() {
        return "cast(" + q("updated_at") + " as " + d.timestamp() + ")";
    }

    /**
     * The first run's staging statement once the staging table is known to be absent: created from
     * {@link #stageAsMembers} in one statement, with no catalog lookup and no replace.
     */
    public String createStagingAs(String stagingQuery) {
        return "create table " + r(tables.staging()) + " as " + stagingQuery;
    }

    /** The staging table dropped in one statement, whether or not a killed run left it. */
    public String dropStagingIfExists() {
        return "drop table if exists " + r(tables.staging());
    }

    /**
     * CREATE TABLE IF NOT EXISTS for members, ended history and changes, typed after the staging table (the history
     * view is {@link #historyView}).
     */
    public List<String> createTables() {
        String s = r(tables.staging());
        String e = q("entity_id");
        String g = q("segment");
        String text = "cast('' as " + d.string() + ") as ";
        String ts = d.nullOf(d.timestamp()) + " as ";
        String now = d.updatedAtTemplate() + " as ";
        return List.of(
                "create table if not exists " + r(tables.members()) + " as select " + e + ", " + g + ", " + q("score")
                        + ", " + q("explanation") + ", " + text + q("run_id") + ", " + now + q("updated_at") + " from "
                        + s + " where 1 = 0",
                "create table if not exists " + r(tables.historyClosed()) + " as select " + e + ", " + g + ", " + q("score")
                        + ", " + ts + q("valid_from") + ", " + ts + q("valid_to") + ", " + text + q("run_id") + " from "
                        + s + " where 1 = 0",
                "create table if not exists " + r(tables.changes()) + " as select " + text + q("run_id") + ", " + e
                        + ", " + text + q("change") + ", " + text + q("from_segment") + ", " + text + q("to_segment")
                        + ", " + ts + q("changed_at") + " from " + s + " where 1 = 0");
    }

    /** The shared segflow_runs audit table. */
    public String createRunsTable() {
        String str = " " + d.string() + ", ";
        String ts = " " + d.timestamp() + ", ";
        return "create table if not exists " + r(tables.runs()) + " (" + q("run_id") + str + q("segmentation") + str
                + q("started_at") + ts + q("finished_at") + ts + q("definition_hash") + str + q("total_members") + " "
                + d.int64() + ", " + q("sizes") + str + q("changed") + " " + d.bool() + ", " + q("agreement") + " "
                + d.float64() + ", " + q("transitions") + str + q("status") + str + q("reason") + " " + d.string() + ")";
    }

    /** previous group (NULL: entering), new group, count of the staged membership: the staged side of the diff. */
    public String stagedTransitionsQuery() {
        return "select " + previous + ", " + q("segment") + ", count(*) from " + r(tables.staging()) + " group by "
                + previous + ", " + q("segment");
    }

    /** group, count of the current members; what the staged side does not account for is leaving. */
    public String currentSizesQuery() {
        return "select " + q("segment") + ", count(*) from " + r(tables.members()) + " group by " + q("segment");
    }

    /** Adds the {@code reason} column to a segflow_runs table created before it existed. */
    public String addReasonColumn() {
        return "alter table " + r(tables.runs()) + " add column if not exists " + q("reason") + " " + d.string();
    }

    /**
     * The DML that moves current members, history and changes to the staged membership (one transaction). Only the
     * delta is written: staged rows that arrive (enter or move) and current memberships that leave (exit or move),
     * found through this run's rows of the changes table; statements for an empty part of the delta are left out.
     * A member row keeps the score, explanation and run of the run that put it in its group; when it leaves it is
     * copied to the ended history (valid_to this run's time) before it is deleted.
     */
    public List<String> apply(String runId, Instant startedAt, long entered, long exited, long moved) {
        String run = d.literal(runId);
        String ts = d.timestampLiteral(startedAt);
        String s = r(tables.staging());
        String m = r(tables.members());
        String c = r(tables.changes());
        String e = q("entity_id");
        String g = q("segment");
        String arriving = " where " + previous + " is null" + (multi ? "" : " or " + previous + " <> " + g);
        List<String> out = new ArrayList<>();
        if (entered + moved > 0) {
            out.add("insert into " + c + " select " + run + ", " + e + ", case when " + previous + " is null then 'entered'"
                    + " else 'moved' end, " + previous + ", " + g + ", " + ts + " from " + s + arriving);
        }
        if (exited > 0) {
            out.add("insert into " + c + " select " + run + ", p." + e + ", 'exited', p." + g + ", "
                    + d.nullOf(d.string()) + ", " + ts + " from " + m + " p where not exists (select 1 from " + s
                    + " n where " + keyMatch() + ")");
        }
        if (exited + moved > 0) {
            out.add("insert into " + r(tables.historyClosed()) + " select " + e + ", " + g + ", " + q("score") + ", "
                    + validFrom() + ", " + ts + ", " + q("run_id") + " from " + m + " where " + leaving(c, run));
            out.add("delete from " + m + " where " + leaving(c, run));
        }
        if (entered + moved > 0) {
            out.add("insert into " + m + " select " + e + ", " + g + ", " + q("score") + ", " + q("explanation") + ", "
                    + run + ", " + ts + " from " + s + arriving);
        }
        return out;
    }

    /**
     * Member rows whose membership this run's changes end. The bare names are the
     * filtered table's: the subquery's columns are renamed (BigQuery cannot qualify a column with a
     * project.dataset.table name). A single-mode entity has one such row, so its id is enough, and IN is far
     * cheaper than a correlated EXISTS for a DELETE.
     */
    private String leaving(String changes, String run) {
        String closed = "(select " + q("entity_id") + " as " + q("closed_entity") + ", " + q("from_segment") + " as "
                + q("closed_segment") + " from " + changes + " where " + q("run_id") + " = " + run + " and "
                + q("change") + " <> 'entered')";
        String byEntity = q("entity_id") + " in (select " + q("closed_entity") + " from " + closed + " x)";
        if (!multi) return byEntity;
        return byEntity + " and exists (select 1 from " + closed + " x where x." + q("closed_entity") + " = "
                + q("entity_id") + " and x." + q("closed_segment") + " = " + q("segment") + ")";
    }

    /**
     * The audit row of a run that got as far as a staged membership: {@code status} success, forced (published past
     * failing checks) or blocked (not published); {@code reason} names the failing checks, or is null.
     * {@code agreement} is null on the first run.
     */
    public String recordRun(String runId, Instant startedAt, Instant finishedAt, String definitionHash, long total,
                            String sizesJson, boolean changed, Double agreement, String transitionsJson, String status,
                            String reason) {
        return "insert into " + r(tables.runs()) + " values (" + d.literal(runId) + ", " + d.literal(tables.segmentation())
                + ", " + d.timestampLiteral(startedAt) + ", " + d.timestampLiteral(finishedAt) + ", "
                + d.literal(definitionHash) + ", " + total + ", " + d.literal(sizesJson) + ", " + changed + ", "
                + (agreement == null ? d.nullOf(d.float64()) : String.valueOf(agreement)) + ", "
                + d.literal(transitionsJson) + ", " + d.literal(status) + ", " + textOrNull(reason) + ")";
    }

    /** The audit row of a run that failed, or was blocked, before it had a staged membership. */
    public String recordFailure(String runId, Instant startedAt, String definitionHash, String status, String reason) {
        return "insert into " + r(tables.runs()) + " values (" + d.literal(runId) + ", " + d.literal(tables.segmentation())
                + ", " + d.timestampLiteral(startedAt) + ", " + d.nullOf(d.timestamp()) + ", " + d.literal(definitionHash)
                + ", 0, '{}', false, " + d.nullOf(d.float64()) + ", '{}', " + d.literal(status) + ", " + textOrNull(reason)
                + ")";
    }

    public String dropStaging() {
        return "drop table " + r(tables.staging());
    }

    /** The export view's query: members of groups with at least {@code minSize} members. */
    public String exportView(int minSize) {
        String m = r(tables.members());
        String g = q("segment");
        return "select " + q("entity_id") + ", " + g + " from " + m + " where " + g + " in (select " + g + " from " + m
                + " group by " + g + " having count(*) >= " + minSize + ")";
    }

    /**
     * Every statement of one run that changes membership, labelled, in the order the store sends them (the
     * staging and export queries are the SELECTs the adapter materialises). For golden files and analysers.
     */
    public Map<String, String> statementsOfOneRun(String membershipSql, String runId, Instant startedAt,
                                                  Instant finishedAt, String definitionHash, int exportMinSize) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("stage (table query)", stage(membershipSql, false));
        List<String> ddl = createTables();
        out.put("create members", ddl.get(0));
        out.put("create history closed", ddl.get(1));
        out.put("create changes", ddl.get(2));
        out.put("create history view", historyView());
        out.put("create runs", createRunsTable());
        out.put("add reason", addReasonColumn());
        out.put("stage over members (table query)", stage(membershipSql, true));
        out.put("staged transitions", stagedTransitionsQuery());
        out.put("current sizes", currentSizesQuery());
        List<String> dml = apply(runId, startedAt, 1, 1, 1);
        for (int i = 0; i < dml.size(); i++) out.put("apply " + (i + 1), dml.get(i));
        out.put("record run", recordRun(runId, startedAt, finishedAt, definitionHash, 0, "{\"a\":1}", true, 0.5,
                "{\"(none)\":{\"a\":1}}", "success", null));
        out.put("drop staging", dropStaging());
        out.put("export (view query)", exportView(exportMinSize));
        out.put("record blocked", recordFailure(runId, startedAt, definitionHash, "blocked", "guard not_empty: no input"));
        List<String> migration = migrateHistoryTable();
        for (int i = 0; i < migration.size(); i++) out.put("migrate history table " + (i + 1), migration.get(i));
        return out;
    }

    private String textOrNull(String value) {
        return value == null ? d.nullOf(d.string()) : d.literal(value);
    }

    private String keyMatch() {
        return multi ? samePair() : "p." + q("entity_id") + " = n." + q("entity_id");
    }

    private String samePair() {
        return "p." + q("entity_id") + " = n." + q("entity_id") + " and p." + q("segment") + " = n." + q("segment");
    }

    private String q(String name) {
        return d.quote(name);
    }

    private String r(io.segflow.spi.RelationName rel) {
        return d.render(rel);
    }
}
