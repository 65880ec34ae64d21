package io.segflow.experiment;

import io.segflow.core.segment.store.StoreDialect;
import io.segflow.spi.RelationName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statements of one assignment run, as pure functions of the dialect, the experiment and the run's values.
 * The staging table holds the targeted population, each entity with its stored arm or, when it enters for the first
 * time, the arm of its hash bucket ({@link io.segflow.spi.sql.SqlFlavor#hashBucket}); publishing appends the new
 * assignments and moves the history. Only the SQL subset shared by the warehouses is used.
 */
public final class AssignmentSql {
    /** Where a stratify_by feature lives: its relation and entity key column. */
    public record FeatureRelation(RelationName relation, String entityKey) {
    }

    private final StoreDialect d;
    private final Experiment e;
    private final GlobalHoldout holdout;
    private final AssignmentTables t;
    private final RelationName members;
    private final FeatureRelation feature;

    public AssignmentSql(StoreDialect dialect, Experiment experiment, GlobalHoldout holdout, AssignmentTables tables,
                         RelationName members, FeatureRelation feature) {
        this.d = dialect;
        this.e = experiment;
        this.holdout = holdout;
        this.t = tables;
        this.members = members;
        this.feature = feature;
    }

    /** The arm of an entity entering now: global holdout first, then the arm whose bucket range holds its hash. */
    public String armOf(String key) {
        StringBuilder sb = new StringBuilder("case");
        if (holdout != null) {
            sb.append(" when ").append(d.flavor().hashBucket(holdout.salt(), key, Experiment.BUCKETS)).append(" < ")
                    .append(holdout.bound()).append(" then ").append(d.literal(Experiment.HOLDOUT_ARM));
        }
        String bucket = d.flavor().hashBucket(e.salt(), key, Experiment.BUCKETS);
        List<Map.Entry<String, Integer>> bounds = new ArrayList<>(e.bucketBounds().entrySet());
        for (int i = 0; i < bounds.size() - 1; i++) {
            sb.append(" when ").append(bucket).append(" < ").append(bounds.get(i).getValue()).append(" then ")
                    .append(d.literal(bounds.get(i).getKey()));
        }
        return sb.append(" else ").append(d.literal(bounds.get(bounds.size() - 1).getKey())).append(" end").toString();
    }

    /** The targeted population: one row per entity currently in the targeted groups, with its stratum now. */
    public String population() {
        String id = q("entity_id");
        String g = q("segment");
        String where = e.groups().isEmpty() ? "" : " where m." + g + " in (" + String.join(", ",
                e.groups().stream().map(d::literal).toList()) + ")";
        String grouped = "select m." + id + ", min(m." + g + ") as " + q("grp") + " from " + d.render(members) + " m"
                + where + " group by m." + id;
        return switch (e.stratify().kind()) {
            case NONE -> "select p." + id + ", " + d.literal("all") + " as " + q("stratum") + " from (" + grouped + ") p";
            case GROUP -> "select p." + id + ", p." + q("grp") + " as " + q("stratum") + " from (" + grouped + ") p";
            case FEATURE -> "select p." + id + ", coalesce(" + d.literal("q") + " || cast(f." + q("stratum_bucket")
                    + " as " + d.string() + "), " + d.literal("unknown") + ") as " + q("stratum") + " from (" + grouped
                    + ") p left join (select " + q(feature.entityKey()) + " as " + q("stratum_key") + ", ntile("
                    + e.stratify().buckets() + ") over (order by " + q(e.stratify().column()) + ") as "
                    + q("stratum_bucket") + " from " + d.render(feature.relation()) + ") f on f." + q("stratum_key")
                    + " = p." + id;
        };
    }

    /**
     * The staging table's query: the population joined with the stored assignments; {@code is_new} is 1 for an
     * entity assigned by this run. With {@code assignNew} false (before start, after stop) no one is new.
     */
    public String stage(boolean assignmentsExist, boolean assignNew) {
        String id = q("entity_id");
        String newArm = assignNew ? armOf("p." + id) : d.nullOf(d.string());
        String newBucket = d.flavor().hashBucket(e.salt(), "p." + id, Experiment.BUCKETS);
        if (!assignmentsExist) {
            return "select p." + id + ", " + newArm + " as " + q("arm") + ", p." + q("stratum") + ", " + newBucket
                    + " as " + q("bucket") + ", " + (assignNew ? 1 : 0) + " as " + q("is_new") + " from ("
                    + population() + ") p" + (assignNew ? "" : " where 1 = 0");
        }
        return "select p." + id + ", coalesce(a." + q("arm") + ", " + newArm + ") as " + q("arm") + ", coalesce(a."
                + q("stratum") + ", p." + q("stratum") + ") as " + q("stratum") + ", coalesce(a." + q("bucket") + ", "
                + newBucket + ") as " + q("bucket") + ", case when a." + id + " is null then 1 else 0 end as "
                + q("is_new") + " from (" + population() + ") p left join " + r(t.assignments()) + " a on a." + id
                + " = p." + id + (assignNew ? "" : " where a." + id + " is not null");
    }

    /** CREATE TABLE IF NOT EXISTS for the assignments and their history, typed after the staging table. */
    public List<String> createTables() {
        String s = r(t.staging());
        String id = q("entity_id");
        String ts = d.nullOf(d.timestamp()) + " as ";
        String text = "cast('' as " + d.string() + ") as ";
        return List.of(
                "create table if not exists " + r(t.assignments()) + " as select " + id + ", " + q("arm") + ", "
                        + q("stratum") + ", cast(" + q("bucket") + " as " + d.int64() + ") as " + q("bucket") + ", " + ts
                        + q("assigned_at") + ", " + text + q("run_id") + " from " + s + " where 1 = 0",
                "create table if not exists " + r(t.history()) + " as select " + id + ", " + q("arm") + ", "
                        + q("stratum") + ", " + ts + q("valid_from") + ", " + ts + q("valid_to") + ", " + text
                        + q("run_id") + " from " + s + " where 1 = 0");
    }

    /** arm, stratum, count over every assignment after this run (stored plus new), for the sample-ratio check. */
    public String armCountsAfterRun() {
        String cols = q("arm") + ", " + q("stratum");
        return "select " + cols + ", count(*) from (select " + cols + " from " + r(t.assignments())
                + " union all select " + cols + " from " + r(t.staging()) + " where " + q("is_new") + " = 1) x group by "
                + cols;
    }

    /** The DML that publishes the run (one transaction): new assignments, closed and opened history rows. */
    public List<String> publish(String runId, Instant at) {
        String run = d.literal(runId);
        String ts = d.timestampLiteral(at);
        String id = q("entity_id");
        String s = r(t.staging());
        String h = r(t.history());
        return List.of(
                "insert into " + r(t.assignments()) + " select " + id + ", " + q("arm") + ", " + q("stratum") + ", "
                        + q("bucket") + ", " + ts + ", " + run + " from " + s + " where " + q("is_new") + " = 1",
                "update " + h + " set " + q("valid_to") + " = " + ts + " where " + q("valid_to") + " is null and " + id
                        + " not in (select " + id + " from " + s + ")",
                "insert into " + h + " select n." + id + ", n." + q("arm") + ", n." + q("stratum") + ", " + ts + ", "
                        + d.nullOf(d.timestamp()) + ", " + run + " from " + s + " n where not exists (select 1 from " + h
                        + " o where o." + id + " = n." + id + " and o." + q("valid_to") + " is null)");
    }

    public String dropStaging() {
        return "drop table " + r(t.staging());
    }

    /** Current size of the targeted population (for the min_detectable_effect check). */
    public String populationSize() {
        return "select count(*) from (" + population() + ") p";
    }

    private String q(String name) {
        return d.quote(name);
    }

    private String r(RelationName rel) {
        return d.render(rel);
    }
}
