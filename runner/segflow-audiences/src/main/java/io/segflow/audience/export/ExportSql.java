package io.segflow.audience.export;

import io.segflow.audience.AudienceSet;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.spi.RelationName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements of one export, in the target's SQL: the common subset the warehouses share, with types, literals,
 * quoting and the SHA-256 spelling from the warehouse's flavor ({@link StoreDialect}). The delta compares the
 * membership as of two publish times, both read from the set's history, so it is exact whatever ran in between
 * (an entity that entered and left again is no change) and repeatable (history rows of later runs are outside it).
 */
public final class ExportSql {
    private final StoreDialect d;
    private final MembershipTables tables;

    public ExportSql(StoreDialect dialect, MembershipTables tables) {
        this.d = dialect;
        this.tables = tables;
    }

    /** started_at and run_id of the set's last published run (success or forced), newest first. */
    public String lastPublished() {
        return "select " + q("started_at") + ", " + q("run_id") + " from " + r(tables.runs()) + " where "
                + q("segmentation") + " = " + d.literal(tables.segmentation()) + " and " + q("status") + " in ('success', "
                + "'forced') order by " + q("started_at") + " desc limit 1";
    }

    public String createCursors() {
        String s = " " + d.string() + ", ";
        String ts = " " + d.timestamp() + ", ";
        return "create table if not exists " + r(ActivationTables.cursors()) + " (" + q("cursor_key") + s + q("export") + s
                + q("audience_set") + s + q("as_of") + ts + q("run_id") + s + q("exported_at") + ts + q("adds") + " "
                + d.int64() + ", " + q("removes") + " " + d.int64() + ", " + q("file") + " " + d.string() + ")";
    }

    /** The membership time the last export of {@code cursor} covered (NULL: never exported). */
    public String lastCursor(String cursor) {
        return "select max(" + q("as_of") + ") from " + r(ActivationTables.cursors()) + " where " + q("cursor_key") + " = "
                + d.literal(cursor);
    }

    public String recordCursor(String cursor, String export, Instant asOf, String runId, Instant exportedAt, long adds,
                               long removes, String file) {
        return "insert into " + r(ActivationTables.cursors()) + " values (" + d.literal(cursor) + ", " + d.literal(export)
                + ", " + d.literal(tables.segmentation()) + ", " + d.timestampLiteral(asOf) + ", " + d.literal(runId) + ", "
                + d.timestampLiteral(exportedAt) + ", " + adds + ", " + removes + ", "
                + (file == null ? d.nullOf(d.string()) : d.literal(file)) + ")";
    }

    /**
     * audience, action ('add' or 'remove'), entity_id and the identifier columns: the memberships as of {@code now}
     * that were not there as of {@code since} and the reverse ({@code since} null: everything is added), for
     * {@code audiences} (empty: all), ordered.
     */
    public String delta(Instant since, Instant now, List<String> audiences, RelationName identifiers, String key,
                        List<AudienceSet.Identifier> columns) {
        String e = q("entity_id");
        String g = q("segment");
        String current = asOf(now, audiences);
        String before = since == null ? "select " + e + ", " + g + " from " + r(tables.history()) + " where 1 = 0"
                : asOf(since, audiences);
        String changes = "select n." + g + " as " + q("audience") + ", 'add' as " + q("action") + ", n." + e + " from ("
                + current + ") n where not exists (select 1 from (" + before + ") b where b." + e + " = n." + e
                + " and b." + g + " = n." + g + ")\nunion all\nselect b." + g + ", 'remove', b." + e + " from (" + before
                + ") b where not exists (select 1 from (" + current + ") n where n." + e + " = b." + e + " and n." + g
                + " = b." + g + ")";
        StringBuilder sql = new StringBuilder("select c." + q("audience") + ", c." + q("action") + ", c." + e);
        for (AudienceSet.Identifier c : columns) sql.append(", ").append(identifier(c)).append(" as ").append(q(c.name()));
        sql.append(" from (").append(changes).append(") c");
        if (identifiers != null) {
            sql.append(" left join ").append(r(identifiers)).append(" i on i.").append(q(key)).append(" = c.").append(e);
        }
        return sql.append(" order by c.").append(q("audience")).append(", c.").append(q("action")).append(", c.")
                .append(e).toString();
    }

    /** A hashed identifier is normalised and hashed in the warehouse; the raw value never leaves it. */
    String identifier(AudienceSet.Identifier c) {
        String text = "cast(i." + q(c.column()) + " as " + d.string() + ")";
        if (c.email()) text = "lower(trim(" + text + "))";
        return c.hashed() ? d.flavor().sha256Hex(text) : "i." + q(c.column());
    }

    private String asOf(Instant at, List<String> audiences) {
        String ts = d.timestampLiteral(at);
        List<String> names = new ArrayList<>();
        audiences.forEach(a -> names.add(d.literal(a)));
        return "select " + q("entity_id") + ", " + q("segment") + " from " + r(tables.history()) + " where "
                + q("valid_from") + " <= " + ts + " and (" + q("valid_to") + " is null or " + q("valid_to") + " > " + ts
                + ")" + (names.isEmpty() ? "" : " and " + q("segment") + " in (" + String.join(", ", names) + ")");
    }

    private String q(String name) {
        return d.quote(name);
    }

    private String r(RelationName rel) {
        return d.render(rel);
    }
}
