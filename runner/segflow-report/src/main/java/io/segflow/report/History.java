package io.segflow.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sizes and shares of every group over the recorded runs, with entered / exited / moved per run. */
final class History {
    private History() {
    }

    static Map<String, Object> of(WarehouseReads reads, List<String> order) {
        List<WarehouseReads.Run> runs = reads.runs();
        Map<String, Map<String, Long>> changes = reads.changesPerRun();
        List<Map<String, Object>> out = new ArrayList<>();
        for (WarehouseReads.Run run : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run_id", run.runId());
            m.put("started_at", run.startedAt());
            m.put("status", run.status());
            m.put("total_members", run.total());
            Map<String, Long> sizes = new LinkedHashMap<>();
            for (String g : order) sizes.put(g, run.sizes().getOrDefault(g, 0L));
            run.sizes().forEach(sizes::putIfAbsent);
            m.put("sizes", sizes);
            Map<String, Long> c = changes.getOrDefault(run.runId(), Map.of());
            m.put("entered", c.getOrDefault("entered", 0L));
            m.put("exited", c.getOrDefault("exited", 0L));
            m.put("moved", c.getOrDefault("moved", 0L));
            out.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", out);
        return m;
    }

    /** Only runs whose membership was published (blocked runs left the tables as they were). */
    static boolean published(Map<String, Object> run) {
        Object s = run.get("status");
        return "success".equals(s) || "forced".equals(s);
    }
}
