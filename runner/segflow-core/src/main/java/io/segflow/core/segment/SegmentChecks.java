package io.segflow.core.segment;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.segment.store.StagedMembership;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates segment tests against one membership relation: the published members (a test node after the run) or
 * the staging table of a run not yet published (the blocking checks before the swap), where {@code stability}
 * compares the staged membership itself instead of reading the last recorded run.
 */
final class SegmentChecks {
    /** {@code failures} offending groups / entities / pairs; {@code what} describes them; {@code note} a pass. */
    record Outcome(long failures, String what, String note) {
        Outcome(long failures, String what) {
            this(failures, what, null);
        }

        String message() {
            return failures == 0 ? note : failures + " " + what;
        }
    }

    private final CompiledSegment segment;
    private final CompiledProject project;
    private final WarehouseAdapter adapter;
    private final SegmentTestSql sql;
    private final StagedMembership staged;

    /** Checks of the published members. */
    static SegmentChecks published(CompiledSegment segment, CompiledProject project, WarehouseAdapter adapter) {
        return new SegmentChecks(segment, project, adapter, new SegmentTestSql(StoreDialect.of(adapter), segment), null);
    }

    /** Checks of a staged membership in {@code staging}. */
    static SegmentChecks staged(CompiledSegment segment, CompiledProject project, WarehouseAdapter adapter,
                                RelationName staging, StagedMembership staged) {
        return new SegmentChecks(segment, project, adapter,
                new SegmentTestSql(StoreDialect.of(adapter), segment, staging), staged);
    }

    private SegmentChecks(CompiledSegment segment, CompiledProject project, WarehouseAdapter adapter,
                          SegmentTestSql sql, StagedMembership staged) {
        this.segment = segment;
        this.project = project;
        this.adapter = adapter;
        this.sql = sql;
        this.staged = staged;
    }

    Outcome run(SegmentTest test) {
        return switch (test.kind()) {
            case "expected_members" -> expectedMembers(test);
            case "min_size" -> minSize(test);
            case "max_share" -> maxShare(test);
            case "exclusive" -> new Outcome(count(sql.exclusive()), "entities in more than one group");
            case "exhaustive" -> new Outcome(count(sql.exhaustive()), "entities of " + segment.plan().population()
                    + " in no group");
            case "stability" -> stability(test);
            default -> throw new IllegalStateException("segment test '" + test.kind() + "' cannot run on segments");
        };
    }

    private Outcome expectedMembers(SegmentTest test) {
        FixtureRunner.Outcome o = FixtureRunner.run(project, segment, test.args());
        return new Outcome(o.missing().size() + o.unexpected().size(), "wrong memberships: missing "
                + FixtureRunner.show(o.missing()) + ", unexpected " + FixtureRunner.show(o.unexpected()));
    }

    private Outcome minSize(SegmentTest test) {
        long min = ((Number) test.args().getOrDefault("min", 1)).longValue();
        Map<String, Long> sizes = sizes();
        List<String> small = new ArrayList<>();
        Object only = test.args().get("segments");
        List<?> names = only instanceof List<?> l ? l : only != null ? List.of(only) : segment.plan().segmentNames();
        for (Object n : names) {
            long size = sizes.getOrDefault(String.valueOf(n), 0L);
            if (size < min) small.add(n + " (" + size + ")");
        }
        if (only == null) sizes.forEach((n, size) -> { if (size < min && !names.contains(n)) small.add(n + " (" + size + ")"); });
        return new Outcome(small.size(), "groups below " + min + " members: " + String.join(", ", small));
    }

    private Outcome maxShare(SegmentTest test) {
        double max = ((Number) test.args().get("max")).doubleValue();
        long population = count(sql.population());
        List<String> big = new ArrayList<>();
        sizes().forEach((n, size) -> {
            double share = population == 0 ? 0 : (double) size / population;
            if (share > max) big.add(String.format("%s (%.1f%%)", n, share * 100));
        });
        return new Outcome(big.size(), "groups above " + (max * 100) + "% of " + population + " entities: "
                + String.join(", ", big));
    }

    private Outcome stability(SegmentTest test) {
        double min = ((Number) test.args().get("min_agreement")).doubleValue();
        Double agreement;
        String matrix;
        if (staged != null) {
            agreement = staged.agreement();
            try {
                matrix = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                        new java.util.TreeMap<>(staged.transitions()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            try (RowStream rs = adapter.query(sql.stability())) {
                if (!rs.hasNext()) return new Outcome(0, "", "no run recorded yet");
                Object[] r = rs.next();
                agreement = r[0] == null ? null : ((Number) r[0]).doubleValue();
                matrix = r[1] == null ? "{}" : r[1].toString();
            }
        }
        if (agreement == null) return new Outcome(0, "", "first run: nothing to compare with");
        String note = String.format("agreement %.3f; transitions %s", agreement, matrix);
        return new Outcome(agreement < min ? 1 : 0, "run below stability " + min + ": " + note, note);
    }

    private Map<String, Long> sizes() {
        Map<String, Long> out = new LinkedHashMap<>();
        try (RowStream rs = adapter.query(sql.sizes())) {
            while (rs.hasNext()) {
                Object[] r = rs.next();
                out.put(String.valueOf(r[0]), ((Number) r[1]).longValue());
            }
        }
        return out;
    }

    private long count(String query) {
        try (RowStream rs = adapter.query(query)) {
            return ((Number) rs.next()[0]).longValue();
        }
    }
}
