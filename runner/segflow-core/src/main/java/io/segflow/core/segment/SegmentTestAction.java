package io.segflow.core.segment;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.execute.NodeAction;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.NodeStatus;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one segment test against the membership tables (or, for {@code expected_members}, against fixtures on
 * an in-memory DuckDB). The result's {@code rows} is the number of offending groups / entities / pairs.
 */
public final class SegmentTestAction implements NodeAction {
    private final SegmentTest test;
    private final CompiledSegment segment;
    private final CompiledProject project;
    private final WarehouseAdapter adapter;
    private final Set<String> waitsFor;

    public SegmentTestAction(SegmentTest test, CompiledSegment segment, CompiledProject project, WarehouseAdapter adapter,
                             Set<String> waitsFor) {
        this.test = test;
        this.segment = segment;
        this.project = project;
        this.adapter = adapter;
        this.waitsFor = Set.copyOf(waitsFor);
    }

    @Override
    public String id() {
        return test.id();
    }

    @Override
    public String name() {
        return test.id().substring("test.".length());
    }

    @Override
    public Set<String> waitsFor() {
        return waitsFor;
    }

    @Override
    public NodeResult run() {
        long start = System.nanoTime();
        Check c = switch (test.kind()) {
            case "expected_members" -> expectedMembers();
            case "min_size" -> minSize();
            case "max_share" -> maxShare();
            case "exclusive" -> new Check(count(sql().exclusive()), "entities in more than one group");
            case "exhaustive" -> exhaustive();
            case "stability" -> stability();
            default -> throw new IllegalStateException("segment test '" + test.kind() + "' cannot run on segments");
        };
        NodeStatus status = c.failures == 0 ? NodeStatus.PASS : test.warnOnly() ? NodeStatus.WARN : NodeStatus.FAIL;
        String msg = c.failures == 0 ? c.note : c.failures + " " + c.what;
        return new NodeResult(test.id(), name(), status, "test", null, c.failures, (System.nanoTime() - start) / 1e9, msg);
    }

    private record Check(long failures, String what, String note) {
        Check(long failures, String what) {
            this(failures, what, null);
        }
    }

    private Check expectedMembers() {
        FixtureRunner.Outcome o = FixtureRunner.run(project, segment, test.args());
        return new Check(o.missing().size() + o.unexpected().size(), "wrong memberships: missing "
                + FixtureRunner.show(o.missing()) + ", unexpected " + FixtureRunner.show(o.unexpected()));
    }

    private Check minSize() {
        long min = ((Number) test.args().getOrDefault("min", 1)).longValue();
        Map<String, Long> sizes = sizes();
        List<String> small = new ArrayList<>();
        Object only = test.args().get("segments");
        List<?> names = only instanceof List<?> l ? l : only != null ? List.of(only) : segment.plan().segmentNames();
        for (Object n : names) if (sizes.getOrDefault(String.valueOf(n), 0L) < min) small.add(n + " (" + sizes.getOrDefault(String.valueOf(n), 0L) + ")");
        if (only == null) sizes.forEach((n, size) -> { if (size < min && !names.contains(n)) small.add(n + " (" + size + ")"); });
        return new Check(small.size(), "groups below " + min + " members: " + String.join(", ", small));
    }

    private Check maxShare() {
        double max = ((Number) test.args().get("max")).doubleValue();
        long population = population();
        List<String> big = new ArrayList<>();
        sizes().forEach((n, size) -> {
            double share = population == 0 ? 0 : (double) size / population;
            if (share > max) big.add(String.format("%s (%.1f%%)", n, share * 100));
        });
        return new Check(big.size(), "groups above " + (max * 100) + "% of " + population + " entities: " + String.join(", ", big));
    }

    private Check exhaustive() {
        long missing = count(sql().exhaustive());
        return new Check(missing, "entities of " + segment.plan().population() + " in no group");
    }

    private Check stability() {
        double min = ((Number) test.args().get("min_agreement")).doubleValue();
        try (RowStream rs = adapter.query(sql().stability())) {
            if (!rs.hasNext()) return new Check(0, "", "no run recorded yet");
            Object[] r = rs.next();
            if (r[0] == null) return new Check(0, "", "first run: nothing to compare with");
            double agreement = ((Number) r[0]).doubleValue();
            String matrix = r[1] == null ? "{}" : r[1].toString();
            String note = String.format("agreement %.3f; transitions %s", agreement, matrix);
            return new Check(agreement < min ? 1 : 0, "run below stability " + min + ": " + note, note);
        }
    }

    private Map<String, Long> sizes() {
        Map<String, Long> out = new LinkedHashMap<>();
        try (RowStream rs = adapter.query(sql().sizes())) {
            while (rs.hasNext()) {
                Object[] r = rs.next();
                out.put(String.valueOf(r[0]), ((Number) r[1]).longValue());
            }
        }
        return out;
    }

    private long population() {
        return count(sql().population());
    }

    private SegmentTestSql sql() {
        return new SegmentTestSql(StoreDialect.of(adapter), segment);
    }

    private long count(String sql) {
        try (RowStream rs = adapter.query(sql)) {
            return ((Number) rs.next()[0]).longValue();
        }
    }

}
