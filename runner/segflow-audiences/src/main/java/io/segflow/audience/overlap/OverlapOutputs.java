package io.segflow.audience.overlap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.segflow.core.compile.AtomicFile;
import io.segflow.audience.export.ActivationTables;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.WarehouseAdapter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run's overlap matrix goes: the table {@code audiences.segment_overlap} (replaced each run; one row per ordered
 * pair of groups; outside the {@code segments} schema, which only a segmentation's own publish changes) and
 * {@code target/overlap.json} for the report.
 */
public final class OverlapOutputs {
    public static final String FILE = "overlap.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final List<ColumnDef> COLUMNS = List.of(ColumnDef.of("run_id", "VARCHAR"), ColumnDef.of("computed_at", "TIMESTAMP"),
            ColumnDef.of("segmentation_a", "VARCHAR"), ColumnDef.of("group_a", "VARCHAR"),
            ColumnDef.of("segmentation_b", "VARCHAR"), ColumnDef.of("group_b", "VARCHAR"), ColumnDef.of("size_a", "BIGINT"),
            ColumnDef.of("size_b", "BIGINT"), ColumnDef.of("intersection", "BIGINT"), ColumnDef.of("union_size", "BIGINT"),
            ColumnDef.of("jaccard", "DOUBLE"));

    private OverlapOutputs() {
    }

    public static RelationName table() {
        return RelationName.of(ActivationTables.SCHEMA, "segment_overlap");
    }

    public static void writeTable(WarehouseAdapter adapter, OverlapMatrix.Matrix m, String runId, Instant at) {
        LocalDateTime when = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        for (OverlapMatrix.Cell c : m.cells()) {
            rows.add(new Object[] {runId, when, c.a().segmentation(), c.a().group(), c.b().segmentation(), c.b().group(),
                    c.a().size(), c.b().size(), c.intersection(), c.union(), c.jaccard()});
        }
        adapter.createSchemaIfMissing(ActivationTables.SCHEMA);
        adapter.bulkLoad(table(), COLUMNS, rows.iterator(), true);
    }

    /** {@code {run_id, computed_at, groups: [{segmentation, group, size}], pairs: [{a, b, intersection, union, jaccard}]}}. */
    public static Path writeJson(Path targetDir, OverlapMatrix.Matrix m, String runId, Instant at) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run_id", runId);
        doc.put("computed_at", at.toString());
        List<Object> groups = new ArrayList<>();
        for (OverlapMatrix.Group g : m.groups()) groups.add(group(g));
        doc.put("groups", groups);
        List<Object> pairs = new ArrayList<>();
        for (OverlapMatrix.Cell c : m.cells()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("a", Map.of("segmentation", c.a().segmentation(), "group", c.a().group()));
            p.put("b", Map.of("segmentation", c.b().segmentation(), "group", c.b().group()));
            p.put("intersection", c.intersection());
            p.put("union", c.union());
            p.put("jaccard", c.jaccard());
            pairs.add(p);
        }
        doc.put("pairs", pairs);
        Path file = targetDir.resolve(FILE);
        AtomicFile.write(file, JSON.writeValueAsString(doc) + "\n");
        return file;
    }

    private static Map<String, Object> group(OverlapMatrix.Group g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("segmentation", g.segmentation());
        out.put("group", g.group());
        out.put("size", g.size());
        return out;
    }
}
