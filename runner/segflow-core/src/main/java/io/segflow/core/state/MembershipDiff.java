package io.segflow.core.state;

import io.segflow.core.segment.store.StagedMembership;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a new membership differs from the published one, counted in the warehouse with one full outer join on the
 * entity (on entity and group for multi-membership segmentations, where nobody "moves"). {@code transitions} maps
 * group before → group after, {@link #NONE} for entities that enter or exit.
 */
public record MembershipDiff(Map<String, Map<String, Long>> transitions) {
    public static final String NONE = "(none)";

    /** One group's side of the diff; shares are of all members before / after (0 when there were none). */
    public record Group(String name, long before, long after, double shareBefore, double shareAfter, long entered,
                        long exited, long movedIn, long movedOut) {
    }

    public MembershipDiff {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        transitions.forEach((k, v) -> copy.put(k, Map.copyOf(new TreeMap<>(v))));
        transitions = copy;
    }

    public static MembershipDiff compare(WarehouseAdapter adapter, RelationName before, RelationName after, boolean multi) {
        String e = adapter.quote("entity_id");
        String g = adapter.quote("segment");
        Map<String, Map<String, Long>> t = new TreeMap<>();
        String sql;
        if (adapter.describe(before).isEmpty()) {
            sql = "select " + g + ", count(*) from " + adapter.render(after) + " group by " + g;
            try (RowStream rows = adapter.query(sql)) {
                while (rows.hasNext()) {
                    Object[] r = rows.next();
                    t.computeIfAbsent(NONE, k -> new TreeMap<>()).merge(String.valueOf(r[0]), ((Number) r[1]).longValue(), Long::sum);
                }
            }
            return new MembershipDiff(t);
        }
        sql = "select o." + g + ", n." + g + ", count(*) from (select " + e + ", " + g + " from " + adapter.render(before)
                + ") o full outer join (select " + e + ", " + g + " from " + adapter.render(after) + ") n on o." + e
                + " = n." + e + (multi ? " and o." + g + " = n." + g : "") + " group by o." + g + ", n." + g;
        try (RowStream rows = adapter.query(sql)) {
            while (rows.hasNext()) {
                Object[] r = rows.next();
                String from = r[0] == null ? NONE : String.valueOf(r[0]);
                String to = r[1] == null ? NONE : String.valueOf(r[1]);
                t.computeIfAbsent(from, k -> new TreeMap<>()).merge(to, ((Number) r[2]).longValue(), Long::sum);
            }
        }
        return new MembershipDiff(t);
    }

    private long sum(java.util.function.BiPredicate<String, String> which) {
        long n = 0;
        for (var from : transitions.entrySet()) {
            for (var to : from.getValue().entrySet()) if (which.test(from.getKey(), to.getKey())) n += to.getValue();
        }
        return n;
    }

    public long before() {
        return sum((f, t) -> !f.equals(NONE));
    }

    public long after() {
        return sum((f, t) -> !t.equals(NONE));
    }

    public long entered() {
        return sum((f, t) -> f.equals(NONE));
    }

    public long exited() {
        return sum((f, t) -> t.equals(NONE));
    }

    public long moved() {
        return sum((f, t) -> !f.equals(NONE) && !t.equals(NONE) && !f.equals(t));
    }

    public long kept() {
        return sum((f, t) -> !f.equals(NONE) && f.equals(t));
    }

    /** Moved memberships as a share of those before (0 when there were none). */
    public double movedShare() {
        return before() == 0 ? 0 : (double) moved() / before();
    }

    /** Entered, exited and moved as a share of the memberships before (1 when there were none but there are now). */
    public double changedShare() {
        long changed = entered() + exited() + moved();
        return before() == 0 ? (changed == 0 ? 0 : 1) : (double) changed / before();
    }

    public List<Group> groups() {
        TreeSet<String> names = new TreeSet<>(transitions.keySet());
        transitions.values().forEach(m -> names.addAll(m.keySet()));
        names.remove(NONE);
        long before = before();
        long after = after();
        List<Group> out = new ArrayList<>();
        for (String n : names) {
            long b = sum((f, t) -> f.equals(n));
            long a = sum((f, t) -> t.equals(n));
            out.add(new Group(n, b, a, before == 0 ? 0 : (double) b / before, after == 0 ? 0 : (double) a / after,
                    sum((f, t) -> f.equals(NONE) && t.equals(n)), sum((f, t) -> f.equals(n) && t.equals(NONE)),
                    sum((f, t) -> !f.equals(NONE) && !f.equals(n) && t.equals(n)),
                    sum((f, t) -> f.equals(n) && !t.equals(NONE) && !t.equals(n))));
        }
        return out;
    }

    /** The diff in the shape the segment checks read (stability's agreement, sizes after). */
    public StagedMembership asStaged() {
        Map<String, Long> sizes = new TreeMap<>();
        for (Group gr : groups()) if (gr.after() > 0) sizes.put(gr.name(), gr.after());
        return new StagedMembership(after(), before(), sizes, entered(), exited(), moved(), kept(), transitions, before() == 0);
    }
}
