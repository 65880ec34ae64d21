package io.segflow.audience.export;

import io.segflow.audience.AudienceSet;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refreshes the synced layout after a build ({@link ActivationTables}): {@code audiences.audiences} is replaced with
 * one row per declared audience and its current size, and {@code audiences.memberships} is a view over every built
 * set's history (entered_at / exited_at; exited_at NULL while the entity is in the audience).
 */
public final class ActivationLayout {
    static final List<ColumnDef> AUDIENCE_COLUMNS = List.of(ColumnDef.of("audience_set", "VARCHAR"),
            ColumnDef.of("audience", "VARCHAR"), ColumnDef.of("priority", "BIGINT"), ColumnDef.of("cap", "BIGINT"),
            ColumnDef.of("description", "VARCHAR"), ColumnDef.of("members", "BIGINT"),
            ColumnDef.of("refreshed_at", "TIMESTAMP"));

    private ActivationLayout() {
    }

    /** Refreshes both relations for {@code sets} whose history exists; returns the sets included. */
    public static List<String> refresh(WarehouseAdapter adapter, List<AudienceSet> sets, Instant at) {
        StoreDialect d = StoreDialect.of(adapter);
        List<Object[]> rows = new ArrayList<>();
        List<String> views = new ArrayList<>();
        List<String> built = new ArrayList<>();
        LocalDateTime when = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        for (AudienceSet set : sets) {
            MembershipTables t = new MembershipTables(MembershipTables.DEFAULT_SCHEMA, set.name());
            if (adapter.describe(t.history()).isEmpty()) continue;
            built.add(set.name());
            Map<String, Long> sizes = new HashMap<>();
            try (RowStream rs = adapter.query("select " + d.quote("segment") + ", count(*) from " + d.render(t.members())
                    + " group by " + d.quote("segment"))) {
                while (rs.hasNext()) {
                    Object[] r = rs.next();
                    sizes.put(String.valueOf(r[0]), ((Number) r[1]).longValue());
                }
            }
            for (int i = 0; i < set.priority().size(); i++) {
                AudienceSet.Audience a = set.priority().get(i);
                rows.add(new Object[] {set.name(), a.name(), (long) i + 1, a.cap() == null ? null : (long) a.cap(),
                        a.description(), sizes.getOrDefault(a.name(), 0L), when});
            }
            views.add("select " + d.literal(set.name()) + " as " + d.quote("audience_set") + ", " + d.quote("segment")
                    + " as " + d.quote("audience") + ", cast(" + d.quote("entity_id") + " as " + d.string() + ") as "
                    + d.quote("entity_id") + ", " + d.quote("valid_from") + " as " + d.quote("entered_at") + ", "
                    + d.quote("valid_to") + " as " + d.quote("exited_at") + ", " + d.quote("run_id") + " from "
                    + d.render(t.history()));
        }
        if (built.isEmpty()) return built;
        adapter.createSchemaIfMissing(ActivationTables.SCHEMA);
        adapter.bulkLoad(ActivationTables.audiences(), AUDIENCE_COLUMNS, rows.iterator(), true);
        adapter.replaceView(ActivationTables.memberships(), String.join("\nunion all\n", views));
        return built;
    }
}
