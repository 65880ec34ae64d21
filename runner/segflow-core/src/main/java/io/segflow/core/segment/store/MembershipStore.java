package io.segflow.core.segment.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a segmentation's membership into the warehouse with history. The new membership is first
 * materialised into a staging table; then ONE {@link WarehouseAdapter#executeAtomically} transaction appends
 * the changes, closes and opens history rows, replaces the current members, records the run in
 * {@code segflow_runs} and drops the staging table. A run killed before that commit leaves the last good
 * state (and a staging table, dropped by the next run).
 *
 * <p>Membership is compared as (entity, group) pairs: when they are identical to the current members the
 * members, history and changes tables are not touched (not even scores or explanations); the run is still
 * recorded in segflow_runs with {@code changed = false}.
 */
public final class MembershipStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private final WarehouseAdapter adapter;
    private final MembershipTables tables;
    private final boolean multi;

    public MembershipStore(WarehouseAdapter adapter, MembershipTables tables, boolean multiMembership) {
        this.adapter = adapter;
        this.tables = tables;
        this.multi = multiMembership;
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
        adapter.replaceTable(tables.staging(), "select " + q("entity_id") + ", " + q("segment") + ", "
                + "cast(" + q("score") + " as double) as " + q("score") + ", " + q("explanation") + " from ("
                + membershipSql + ") m");
        createTablesIfMissing();
        String ts = "timestamp '" + TS.format(startedAt.truncatedTo(ChronoUnit.MICROS)) + "'";
        String run = literal(runId);
        String s = r(tables.staging());
        String m = r(tables.members());
        String e = q("entity_id");
        String g = q("segment");

        Map<String, Long> sizes = new TreeMap<>();
        try (RowStream rows = adapter.query("select " + g + ", count(*) from " + s + " group by " + g)) {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                sizes.put(String.valueOf(row[0]), ((Number) row[1]).longValue());
            }
        }
        long total = count("select count(*) from " + s);
        long previous = count("select count(*) from " + m);
        String samePair = "p." + e + " = n." + e + " and p." + g + " = n." + g;
        long entered = count("select count(*) from " + s + " n where not exists (select 1 from " + m + " p where "
                + (multi ? samePair : "p." + e + " = n." + e) + ")");
        long exited = count("select count(*) from " + m + " p where not exists (select 1 from " + s + " n where "
                + (multi ? samePair : "p." + e + " = n." + e) + ")");
        long moved = multi ? 0 : count("select count(*) from " + m + " p join " + s + " n on p." + e + " = n." + e
                + " where p." + g + " <> n." + g);
        long keptPairs = count("select count(*) from " + m + " p join " + s + " n on " + samePair);
        boolean changed = keptPairs != previous || keptPairs != total;
        Double agreement = previous == 0 ? null : (double) keptPairs / previous;
        Map<String, Map<String, Long>> transitions = transitions();

        List<String> statements = new ArrayList<>();
        if (changed) {
            statements.addAll(changeStatements(run, ts));
            statements.add("update " + r(tables.history()) + " set " + q("valid_to") + " = " + ts + " where "
                    + q("valid_to") + " is null and not exists (select 1 from " + s + " n where n." + e + " = "
                    + r(tables.history()) + "." + e + " and n." + g + " = " + r(tables.history()) + "." + g + ")");
            statements.add("insert into " + r(tables.history()) + " select n." + e + ", n." + g + ", n." + q("score")
                    + ", " + ts + ", cast(null as timestamp), " + run + " from " + s + " n where not exists (select 1 from "
                    + m + " p where " + samePair + ")");
            statements.add("delete from " + m);
            statements.add("insert into " + m + " select " + e + ", " + g + ", " + q("score") + ", " + q("explanation")
                    + ", " + run + ", " + ts + " from " + s);
        }
        statements.add("insert into " + r(tables.runs()) + " values (" + run + ", " + literal(tables.segmentation())
                + ", " + ts + ", " + "timestamp '" + TS.format(Instant.now().truncatedTo(ChronoUnit.MICROS)) + "', "
                + literal(definitionHash) + ", " + total + ", " + literal(json(sizes)) + ", " + changed + ", "
                + (agreement == null ? "cast(null as double)" : String.valueOf(agreement)) + ", "
                + literal(json(transitions)) + ", 'success')");
        statements.add("drop table " + s);
        adapter.executeAtomically(statements);
        return new RunSummary(runId, tables.segmentation(), total, sizes, changed, agreement, transitions, entered,
                exited, moved);
    }

    /** Records a failed run in the audit table (best effort; the membership tables are untouched). */
    public void recordFailure(String runId, Instant startedAt, String definitionHash) {
        createRunsTable();
        String ts = "timestamp '" + TS.format(startedAt.truncatedTo(ChronoUnit.MICROS)) + "'";
        adapter.execute("insert into " + r(tables.runs()) + " values (" + literal(runId) + ", "
                + literal(tables.segmentation()) + ", " + ts + ", cast(null as timestamp), " + literal(definitionHash)
                + ", 0, '{}', false, cast(null as double), '{}', 'failed')");
    }

    /** (Re)creates the {@code <name>_export} view: members of groups with at least {@code minSize} members. */
    public void writeExportView(int minSize) {
        String m = r(tables.members());
        adapter.replaceView(tables.export(), "select " + q("entity_id") + ", " + q("segment") + " from " + m
                + " where " + q("segment") + " in (select " + q("segment") + " from " + m + " group by " + q("segment")
                + " having count(*) >= " + minSize + ")");
    }

    private List<String> changeStatements(String run, String ts) {
        String s = r(tables.staging());
        String m = r(tables.members());
        String c = r(tables.changes());
        String e = q("entity_id");
        String g = q("segment");
        String nullText = "cast(null as varchar)";
        List<String> out = new ArrayList<>();
        String keyMatch = multi ? "p." + e + " = n." + e + " and p." + g + " = n." + g : "p." + e + " = n." + e;
        out.add("insert into " + c + " select " + run + ", n." + e + ", 'entered', " + nullText + ", n." + g + ", " + ts
                + " from " + s + " n where not exists (select 1 from " + m + " p where " + keyMatch + ")");
        out.add("insert into " + c + " select " + run + ", p." + e + ", 'exited', p." + g + ", " + nullText + ", " + ts
                + " from " + m + " p where not exists (select 1 from " + s + " n where " + keyMatch + ")");
        if (!multi) {
            out.add("insert into " + c + " select " + run + ", p." + e + ", 'moved', p." + g + ", n." + g + ", " + ts
                    + " from " + m + " p join " + s + " n on p." + e + " = n." + e + " where p." + g + " <> n." + g);
        }
        return out;
    }

    private Map<String, Map<String, Long>> transitions() {
        String e = q("entity_id");
        String g = q("segment");
        String on = multi ? "p." + e + " = n." + e + " and p." + g + " = n." + g : "p." + e + " = n." + e;
        Map<String, Map<String, Long>> out = new TreeMap<>();
        try (RowStream rows = adapter.query("select coalesce(p." + g + ", '(none)'), coalesce(n." + g + ", '(none)'), "
                + "count(*) from " + r(tables.members()) + " p full outer join " + r(tables.staging()) + " n on " + on
                + " group by 1, 2")) {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                out.computeIfAbsent(String.valueOf(row[0]), k -> new TreeMap<>())
                        .put(String.valueOf(row[1]), ((Number) row[2]).longValue());
            }
        }
        return out;
    }

    private void createTablesIfMissing() {
        String s = r(tables.staging());
        String e = q("entity_id");
        String g = q("segment");
        List<String> ddl = new ArrayList<>();
        ddl.add("create table if not exists " + r(tables.members()) + " as select " + e + ", " + g + ", " + q("score")
                + ", " + q("explanation") + ", cast('' as varchar) as " + q("run_id") + ", current_timestamp as "
                + q("updated_at") + " from " + s + " where 1 = 0");
        ddl.add("create table if not exists " + r(tables.history()) + " as select " + e + ", " + g + ", " + q("score")
                + ", cast(null as timestamp) as " + q("valid_from") + ", cast(null as timestamp) as " + q("valid_to")
                + ", cast('' as varchar) as " + q("run_id") + " from " + s + " where 1 = 0");
        ddl.add("create table if not exists " + r(tables.changes()) + " as select cast('' as varchar) as " + q("run_id")
                + ", " + e + ", cast('' as varchar) as " + q("change") + ", cast('' as varchar) as " + q("from_segment")
                + ", cast('' as varchar) as " + q("to_segment") + ", cast(null as timestamp) as " + q("changed_at")
                + " from " + s + " where 1 = 0");
        adapter.executeAtomically(ddl);
        createRunsTable();
    }

    private void createRunsTable() {
        adapter.createSchemaIfMissing(tables.schema());
        adapter.execute("create table if not exists " + r(tables.runs()) + " (" + q("run_id") + " varchar, "
                + q("segmentation") + " varchar, " + q("started_at") + " timestamp, " + q("finished_at") + " timestamp, "
                + q("definition_hash") + " varchar, " + q("total_members") + " bigint, " + q("sizes") + " varchar, "
                + q("changed") + " boolean, " + q("agreement") + " double, " + q("transitions") + " varchar, "
                + q("status") + " varchar)");
    }

    private long count(String sql) {
        try (RowStream rows = adapter.query(sql)) {
            return ((Number) rows.next()[0]).longValue();
        }
    }

    private String q(String name) {
        return adapter.quote(name);
    }

    private String r(RelationName rel) {
        return adapter.render(rel);
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
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
