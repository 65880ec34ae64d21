package io.segflow.report;

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
import java.util.TreeMap;

/**
 * The warehouse queries behind the report, over the membership store of one segmentation: the run history from
 * {@code segflow_runs}, entered/exited/moved per run from the changes table, score statistics per group and the
 * members' explanations (RFM scores, P(alive)).
 */
final class WarehouseReads {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Explanations read for the RFM grid and P(alive): beyond this the figures describe the first rows read. */
    static final int EXPLANATION_ROWS = 500_000;

    /** One successful or blocked run: its time, status and group sizes. */
    record Run(String runId, String startedAt, String status, Map<String, Long> sizes, long total) {
    }

    private final WarehouseAdapter adapter;
    private final MembershipTables tables;
    private final StoreDialect d;

    WarehouseReads(WarehouseAdapter adapter, String segmentation) {
        this.adapter = adapter;
        this.tables = new MembershipTables(MembershipTables.DEFAULT_SCHEMA, segmentation);
        this.d = StoreDialect.of(adapter);
    }

    /** Every recorded run, oldest first. */
    List<Run> runs() {
        List<Run> out = new ArrayList<>();
        for (Object[] r : rows("select " + q("run_id") + ", cast(" + q("started_at") + " as " + d.string() + "), "
                + q("status") + ", " + q("sizes") + ", " + q("total_members") + " from " + d.render(tables.runs())
                + " where " + q("segmentation") + " = " + d.literal(tables.segmentation()) + " order by "
                + q("started_at"))) {
            Map<String, Long> sizes = parse(r[3], new TypeReference<LinkedHashMap<String, Long>>() { });
            out.add(new Run(String.valueOf(r[0]), String.valueOf(r[1]), String.valueOf(r[2]),
                    sizes == null ? Map.of() : sizes, r[4] == null ? 0 : ((Number) r[4]).longValue()));
        }
        return out;
    }

    /** run id -> change kind (entered, exited, moved) -> entities. */
    Map<String, Map<String, Long>> changesPerRun() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        if (adapter.describe(tables.changes()).isEmpty()) return out;
        for (Object[] r : rows("select " + q("run_id") + ", " + q("change") + ", count(*) from " + d.render(tables.changes())
                + " group by " + q("run_id") + ", " + q("change"))) {
            out.computeIfAbsent(String.valueOf(r[0]), k -> new TreeMap<>()).put(String.valueOf(r[1]),
                    ((Number) r[2]).longValue());
        }
        return out;
    }

    /** group -> [members, min score, max score, mean score] (scores null when the type has none). */
    Map<String, Double[]> scoreStats() {
        Map<String, Double[]> out = new LinkedHashMap<>();
        String score = "cast(" + q("score") + " as " + d.float64() + ")";
        for (Object[] r : rows("select " + q("segment") + ", count(*), min(" + score + "), max(" + score + "), avg("
                + score + ") from " + d.render(tables.members()) + " group by " + q("segment"))) {
            out.put(String.valueOf(r[0]), new Double[] {num(r[1]), num(r[2]), num(r[3]), num(r[4])});
        }
        return out;
    }

    /** Count of distinct members (an entity in several groups counts once). */
    long distinctMembers() {
        List<Object[]> r = rows("select count(distinct " + q("entity_id") + ") from " + d.render(tables.members()));
        return r.isEmpty() ? 0 : ((Number) r.get(0)[0]).longValue();
    }

    /** Every member's score, for distributions. */
    double[] scores() {
        List<Object[]> r = rows("select cast(" + q("score") + " as " + d.float64() + ") from " + d.render(tables.members())
                + " where " + q("score") + " is not null");
        return r.stream().mapToDouble(x -> ((Number) x[0]).doubleValue()).toArray();
    }

    /** (group, parsed explanation) of up to {@link #EXPLANATION_ROWS} members. */
    List<Map.Entry<String, Map<String, Object>>> explanations() {
        List<Map.Entry<String, Map<String, Object>>> out = new ArrayList<>();
        try (RowStream rs = adapter.query("select " + q("segment") + ", " + q("explanation") + " from "
                + d.render(tables.members()))) {
            while (rs.hasNext() && out.size() < EXPLANATION_ROWS) {
                Object[] r = rs.next();
                Map<String, Object> e = parse(r[1], new TypeReference<Map<String, Object>>() { });
                if (e != null) out.add(Map.entry(String.valueOf(r[0]), e));
            }
        }
        return out;
    }

    private static Double num(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    private String q(String name) {
        return d.quote(name);
    }

    private List<Object[]> rows(String sql) {
        List<Object[]> out = new ArrayList<>();
        try (RowStream rs = adapter.query(sql)) {
            while (rs.hasNext()) out.add(rs.next());
        }
        return out;
    }

    static <T> T parse(Object json, TypeReference<T> type) {
        if (json == null) return null;
        try {
            return JSON.readValue(json.toString(), type);
        } catch (Exception e) {
            return null;
        }
    }
}
