package io.segflow.audience.overlap;

import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How much the groups of all segmentations overlap: for every ordered pair of groups (segmentation, group), the
 * entities in both, in either, and their Jaccard index (both / either). Counted in the warehouse by one self-join
 * of the current memberships on the entity id; pairs that share no entity are filled in with 0.
 */
public final class OverlapMatrix {
    /** One group and its current size. */
    public record Group(String segmentation, String group, long size) {
    }

    /** One ordered pair of groups. */
    public record Cell(Group a, Group b, long intersection) {
        public long union() {
            return a.size() + b.size() - intersection;
        }

        public double jaccard() {
            return union() == 0 ? 0 : (double) intersection / union();
        }
    }

    public record Matrix(List<Group> groups, List<Cell> cells) {
        public Matrix {
            groups = List.copyOf(groups);
            cells = List.copyOf(cells);
        }
    }

    private OverlapMatrix() {
    }

    /** The matrix of the segmentations named (their members tables must exist), in the order given. */
    public static Matrix compute(WarehouseAdapter adapter, List<String> segmentations) {
        if (segmentations.isEmpty()) return new Matrix(List.of(), List.of());
        StoreDialect d = StoreDialect.of(adapter);
        List<String> parts = new ArrayList<>();
        for (String s : segmentations) {
            parts.add("select cast(" + d.quote("entity_id") + " as " + d.string() + ") as " + d.quote("entity_id") + ", "
                    + d.literal(s) + " as " + d.quote("segmentation") + ", " + d.quote("segment") + " from "
                    + d.render(new MembershipTables(MembershipTables.DEFAULT_SCHEMA, s).members()));
        }
        String all = "(" + String.join(" union all ", parts) + ")";
        String sg = d.quote("segmentation");
        String g = d.quote("segment");
        List<Group> groups = new ArrayList<>();
        Map<String, Group> byKey = new HashMap<>();
        try (RowStream rs = adapter.query("select " + sg + ", " + g + ", count(*) from " + all + " m group by " + sg + ", "
                + g + " order by " + sg + ", " + g)) {
            while (rs.hasNext()) {
                Object[] row = rs.next();
                Group group = new Group(String.valueOf(row[0]), String.valueOf(row[1]), ((Number) row[2]).longValue());
                groups.add(group);
                byKey.put(key(group.segmentation(), group.group()), group);
            }
        }
        groups.sort((x, y) -> {
            int c = Integer.compare(segmentations.indexOf(x.segmentation()), segmentations.indexOf(y.segmentation()));
            return c != 0 ? c : x.group().compareTo(y.group());
        });
        Map<String, Long> both = new HashMap<>();
        String e = d.quote("entity_id");
        try (RowStream rs = adapter.query("select a." + sg + ", a." + g + ", b." + sg + ", b." + g + ", count(*) from "
                + all + " a join " + all + " b on a." + e + " = b." + e + " group by a." + sg + ", a." + g + ", b." + sg
                + ", b." + g)) {
            while (rs.hasNext()) {
                Object[] row = rs.next();
                both.put(key(row[0], row[1]) + "\u0001" + key(row[2], row[3]), ((Number) row[4]).longValue());
            }
        }
        List<Cell> cells = new ArrayList<>();
        for (Group a : groups) {
            for (Group b : groups) {
                cells.add(new Cell(a, b, both.getOrDefault(key(a.segmentation(), a.group()) + "\u0001"
                        + key(b.segmentation(), b.group()), 0L)));
            }
        }
        return new Matrix(groups, cells);
    }

    private static String key(Object segmentation, Object group) {
        return segmentation + "\u0000" + group;
    }
}
