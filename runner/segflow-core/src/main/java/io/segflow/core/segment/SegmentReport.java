package io.segflow.core.segment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state of a segmentation read back from the warehouse: group sizes and shares, the change since the
 * previous run, privacy-floor flags, the last transition matrix and (optionally) a per-group profile.
 */
public record SegmentReport(String name, String type, String lastRunId, String lastRunAt, boolean changed,
                            Double agreement, long population, int minSize, List<Group> groups,
                            Map<String, Map<String, Long>> transitions) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One group: {@code previous} is its size after the run before the last (null when there is none). */
    public record Group(String name, long size, double share, Long previous, boolean belowMinSize,
                        Map<String, Double> profile) {
    }

    /** Reads the report, or empty when the segmentation has never been built in this warehouse. */
    public static Optional<SegmentReport> read(WarehouseAdapter adapter, CompiledSegment segment, int projectMinSize,
                                               boolean withProfile) {
        MembershipTables t = new MembershipTables(MembershipTables.DEFAULT_SCHEMA, segment.name());
        if (adapter.describe(t.members()).isEmpty() || adapter.describe(t.runs()).isEmpty()) return Optional.empty();
        StoreDialect d = StoreDialect.of(adapter);
        List<Object[]> runs = rows(adapter, "select " + q(adapter, "run_id") + ", cast(" + q(adapter, "started_at")
                + " as " + d.string() + "), " + q(adapter, "changed") + ", " + q(adapter, "agreement") + ", " + q(adapter, "sizes")
                + ", " + q(adapter, "transitions") + " from " + adapter.render(t.runs()) + " where "
                + q(adapter, "segmentation") + " = " + d.literal(segment.name()) + " and " + q(adapter, "status")
                + " in ('success', 'forced') order by " + q(adapter, "started_at") + " desc limit 2");
        if (runs.isEmpty()) return Optional.empty();
        Object[] last = runs.get(0);
        Map<String, Long> previous = runs.size() > 1 ? parse(runs.get(1)[4], new TypeReference<Map<String, Long>>() { })
                : null;
        Map<String, Map<String, Long>> transitions = parse(last[5], new TypeReference<Map<String, Map<String, Long>>>() { });
        Map<String, Long> sizes = new LinkedHashMap<>();
        segment.plan().segmentNames().forEach(n -> sizes.put(n, 0L));
        for (Object[] r : rows(adapter, "select " + q(adapter, "segment") + ", count(*) from " + adapter.render(t.members())
                + " group by " + q(adapter, "segment") + " order by 1")) {
            sizes.put(String.valueOf(r[0]), ((Number) r[1]).longValue());
        }
        long population = segment.plan().population() == null
                ? count(adapter, "select count(distinct " + q(adapter, "entity_id") + ") from " + adapter.render(t.members()))
                : count(adapter, "select count(distinct " + q(adapter, segment.plan().populationKey()) + ") from "
                + adapter.render(segment.plan().population()));
        Map<String, Map<String, Double>> profiles = withProfile && segment.compiledProfileSql() != null
                ? profile(adapter, t, segment.compiledProfileSql()) : Map.of();
        int floor = segment.minSize(projectMinSize);
        List<Group> groups = new ArrayList<>();
        sizes.forEach((n, size) -> groups.add(new Group(n, size, population == 0 ? 0 : (double) size / population,
                previous == null ? null : previous.getOrDefault(n, 0L), size < floor, profiles.getOrDefault(n, Map.of()))));
        return Optional.of(new SegmentReport(segment.name(), segment.type(), String.valueOf(last[0]), String.valueOf(last[1]),
                Boolean.TRUE.equals(last[2]), last[3] == null ? null : ((Number) last[3]).doubleValue(), population, floor,
                groups, transitions == null ? Map.of() : transitions));
    }

    private static Map<String, Map<String, Double>> profile(WarehouseAdapter adapter, MembershipTables t, String profileSql) {
        List<String> columns = new ArrayList<>();
        try (RowStream rs = adapter.query("select * from (" + profileSql + ") p where 1 = 0")) {
            rs.columns().forEach(c -> { if (!c.name().equalsIgnoreCase("entity_id")) columns.add(c.name()); });
        }
        if (columns.isEmpty()) return Map.of();
        StringBuilder sql = new StringBuilder("select m.").append(q(adapter, "segment"));
        for (String c : columns) sql.append(", avg(cast(p.").append(q(adapter, c)).append(" as ").append(StoreDialect.of(adapter).float64())
                .append("))");
        sql.append(" from ").append(adapter.render(t.members())).append(" m join (").append(profileSql)
                .append(") p on p.").append(q(adapter, "entity_id")).append(" = m.").append(q(adapter, "entity_id"))
                .append(" group by m.").append(q(adapter, "segment"));
        Map<String, Map<String, Double>> out = new TreeMap<>();
        for (Object[] r : rows(adapter, sql.toString())) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                values.put(columns.get(i), r[i + 1] == null ? null : ((Number) r[i + 1]).doubleValue());
            }
            out.put(String.valueOf(r[0]), values);
        }
        return out;
    }

    private static <T> T parse(Object json, TypeReference<T> type) {
        if (json == null) return null;
        try {
            return JSON.readValue(json.toString(), type);
        } catch (Exception e) {
            return null;
        }
    }

    private static List<Object[]> rows(WarehouseAdapter adapter, String sql) {
        List<Object[]> out = new ArrayList<>();
        try (RowStream rs = adapter.query(sql)) {
            while (rs.hasNext()) out.add(rs.next());
        }
        return out;
    }

    private static long count(WarehouseAdapter adapter, String sql) {
        try (RowStream rs = adapter.query(sql)) {
            return ((Number) rs.next()[0]).longValue();
        }
    }

    private static String q(WarehouseAdapter adapter, String name) {
        return adapter.quote(name);
    }
}
