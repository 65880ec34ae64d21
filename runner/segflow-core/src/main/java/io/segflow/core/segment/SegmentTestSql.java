package io.segflow.core.segment;

import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.spi.RelationName;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The queries segment tests run against the membership tables, as pure functions of the dialect (common SQL of
 * DuckDB, Snowflake and BigQuery; names quoted by {@link StoreDialect}).
 */
public final class SegmentTestSql {
    private final StoreDialect d;
    private final CompiledSegment segment;
    private final MembershipTables tables;
    private final RelationName membership;

    /** Queries over the published members. */
    public SegmentTestSql(StoreDialect dialect, CompiledSegment segment) {
        this(dialect, segment, new MembershipTables(MembershipTables.DEFAULT_SCHEMA, segment.name()).members());
    }

    /** Queries over {@code membership}, e.g. the staging table of a run not yet published. */
    public SegmentTestSql(StoreDialect dialect, CompiledSegment segment, RelationName membership) {
        this.d = dialect;
        this.segment = segment;
        this.tables = new MembershipTables(MembershipTables.DEFAULT_SCHEMA, segment.name());
        this.membership = membership;
    }

    /** segment, count(*) of the current members. */
    public String sizes() {
        return "select " + q("segment") + ", count(*) from " + members() + " group by " + q("segment");
    }

    /** Entities of the population (or, without one, of the members). */
    public String population() {
        if (segment.plan().population() == null) return "select count(distinct " + q("entity_id") + ") from " + members();
        return "select count(distinct " + q(segment.plan().populationKey()) + ") from "
                + d.render(segment.plan().population());
    }

    /** Entities in more than one group. */
    public String exclusive() {
        return "select count(*) from (select " + q("entity_id") + " from " + members() + " group by " + q("entity_id")
                + " having count(*) > 1) x";
    }

    /** Population entities in no group. */
    public String exhaustive() {
        return "select count(*) from (select distinct " + q(segment.plan().populationKey()) + " as k from "
                + d.render(segment.plan().population()) + ") p where p.k is not null and not exists (select 1 from "
                + members() + " m where m." + q("entity_id") + " = p.k)";
    }

    /** agreement, transitions of the last published run (success or forced). */
    public String stability() {
        return "select " + q("agreement") + ", " + q("transitions") + " from " + d.render(tables.runs()) + " where "
                + q("segmentation") + " = " + d.literal(segment.name()) + " and " + q("status")
                + " in ('success', 'forced') order by " + q("started_at") + " desc limit 1";
    }

    /** The warehouse queries of {@code test}, labelled; empty for expected_members (it runs on fixtures). */
    public Map<String, String> statements(SegmentTest test) {
        Map<String, String> out = new LinkedHashMap<>();
        switch (test.kind()) {
            case "min_size" -> out.put("sizes", sizes());
            case "max_share" -> {
                out.put("sizes", sizes());
                out.put("population", population());
            }
            case "exclusive" -> out.put("exclusive", exclusive());
            case "exhaustive" -> out.put("exhaustive", exhaustive());
            case "stability" -> out.put("stability", stability());
            default -> { }
        }
        return out;
    }

    private String members() {
        return d.render(membership);
    }

    private String q(String name) {
        return d.quote(name);
    }
}
