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

    public MembershipSql(StoreDialect dialect, MembershipTables tables, boolean multiMembership) {
        this.d = dialect;
        this.tables = tables;
        this.multi = multiMembership;
    }

    /** The staging table's query over {@code membershipSql} (target dialect; the contract columns). */
    public String stage(String membershipSql) {
        return "select " + q("entity_id") + ", " + q("segment") + ", cast(" + q("score") + " as " + d.float64() + ") as "
                + q("score") + ", " + q("explanation") + " from (" + membershipSql + ") m";
    }

    /** CREATE TABLE IF NOT EXISTS for members, history and changes, typed after the staging table. */
    public List<String> createTables() {
        String s = r(tables.staging());
        String e = q("entity_id");
        String g = q("segment");
        String text = "cast('' as " + d.string() + ") as ";
        String ts = d.nullOf(d.timestamp()) + " as ";
        String now = d.kind() == StoreDialect.Kind.DUCKDB ? "current_timestamp as " : ts;
        return List.of(
                "create table if not exists " + r(tables.members()) + " as select " + e + ", " + g + ", " + q("score")
                        + ", " + q("explanation") + ", " + text + q("run_id") + ", " + now + q("updated_at") + " from "
                        + s + " where 1 = 0",
                "create table if not exists " + r(tables.history()) + " as select " + e + ", " + g + ", " + q("score")
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

    /**
     * The whole comparison of the staged membership with the current one in one pass: previous group, new group,
     * whether the previous / new side is missing (entering or leaving), count. Sizes, totals, entered, exited, moved
     * and the transition matrix are all sums over these rows.
     */
    public String diffQuery() {
        String e = q("entity_id");
        String g = q("segment");
        return "select p." + g + ", n." + g + ", p." + e + " is null, n." + e + " is null, count(*) from "
                + r(tables.members()) + " p full outer join " + r(tables.staging()) + " n on " + keyMatch()
                + " group by p." + g + ", n." + g + ", p." + e + " is null, n." + e + " is null";
    }

    /** Adds the {@code reason} column to a segflow_runs table created before it existed. */
    public String addReasonColumn() {
        return "alter table " + r(tables.runs()) + " add column if not exists " + q("reason") + " " + d.string();
    }

    /** The DML that moves current members, history and changes to the staged membership (one transaction). */
    public List<String> apply(String runId, Instant startedAt) {
        String run = d.literal(runId);
        String ts = d.timestampLiteral(startedAt);
        String s = r(tables.staging());
        String m = r(tables.members());
        String c = r(tables.changes());
        String h = r(tables.history());
        String e = q("entity_id");
        String g = q("segment");
        List<String> out = new ArrayList<>();
        // one pass over the full outer join writes every entered, exited and moved row
        out.add("insert into " + c + " select " + run + ", coalesce(n." + e + ", p." + e + "), case when p." + e
                + " is null then 'entered' when n." + e + " is null then 'exited' else 'moved' end, p." + g + ", n." + g
                + ", " + ts + " from " + m + " p full outer join " + s + " n on " + keyMatch() + " where p." + e
                + " is null or n." + e + " is null" + (multi ? "" : " or p." + g + " <> n." + g));
        // the staged columns are renamed so that the bare names inside the subquery mean the updated history row
        // (BigQuery cannot qualify a column with a project.dataset.table name)
        out.add("update " + h + " set " + q("valid_to") + " = " + ts + " where " + q("valid_to") + " is null and not exists "
                + "(select 1 from (select " + e + " as " + q("staged_entity") + ", " + g + " as " + q("staged_segment")
                + " from " + s + ") n where n." + q("staged_entity") + " = " + e + " and n." + q("staged_segment") + " = "
                + g + ")");
        out.add("insert into " + h + " select n." + e + ", n." + g + ", n." + q("score") + ", " + ts + ", "
                + d.nullOf(d.timestamp()) + ", " + run + " from " + s + " n where not exists (select 1 from " + m
                + " p where " + samePair() + ")");
        out.add("delete from " + m + " where true");
        out.add("insert into " + m + " select " + e + ", " + g + ", " + q("score") + ", " + q("explanation") + ", " + run
                + ", " + ts + " from " + s);
        return out;
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
        out.put("stage (table query)", stage(membershipSql));
        List<String> ddl = createTables();
        out.put("create members", ddl.get(0));
        out.put("create history", ddl.get(1));
        out.put("create changes", ddl.get(2));
        out.put("create runs", createRunsTable());
        out.put("add reason", addReasonColumn());
        out.put("diff", diffQuery());
        List<String> dml = apply(runId, startedAt);
        for (int i = 0; i < dml.size(); i++) out.put("apply " + (i + 1), dml.get(i));
        out.put("record run", recordRun(runId, startedAt, finishedAt, definitionHash, 0, "{\"a\":1}", true, 0.5,
                "{\"(none)\":{\"a\":1}}", "success", null));
        out.put("drop staging", dropStaging());
        out.put("export (view query)", exportView(exportMinSize));
        out.put("record blocked", recordFailure(runId, startedAt, definitionHash, "blocked", "guard not_empty: no input"));
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
