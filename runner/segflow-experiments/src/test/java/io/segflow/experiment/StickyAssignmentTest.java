package io.segflow.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.segment.store.MembershipStore;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stickiness over three runs on DuckDB with membership churn written by the real membership store: entities keep
 * their arm across runs and group moves, new entities are assigned on entry with the arm Java computes from the hash,
 * history opens and closes like membership history, and a share change mid-flight is blocked as a sample-ratio
 * mismatch without touching the live tables.
 */
class StickyAssignmentTest {
    private static final Instant RUN1 = Instant.parse("2024-02-01T06:00:00Z");
    private static final Instant RUN2 = Instant.parse("2024-03-01T06:00:00Z");
    private static final Instant RUN3 = Instant.parse("2024-04-01T06:00:00Z");
    private static final GlobalHoldout HOLDOUT = new GlobalHoldout(0.1, "gh");
    private static final List<String> GROUPS = List.of("at_risk", "lapsed", "loyal");

    private WarehouseAdapter db;
    private MembershipStore members;

    @BeforeEach
    void open() {
        db = TestExperiments.duckdb();
        members = new MembershipStore(db, new MembershipTables(MembershipTables.DEFAULT_SCHEMA, "lifecycle"), false);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Experiment experiment(double control) {
        Map<String, Double> arms = new LinkedHashMap<>();
        arms.put("control", control);
        arms.put("treatment", Math.round((1 - control) * 10000) / 10000.0);
        return TestExperiments.experiment("winback", "lifecycle", List.of("at_risk", "lapsed"), arms,
                new Experiment.Stratify(Experiment.Stratify.Kind.GROUP, null, null, 0), null);
    }

    /** Writes a segment run where entity i is in group groupOf(i), or absent when it returns null. */
    private void segmentRun(int maxId, IntFunction<String> groupOf, Instant at) {
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= maxId; i++) {
            String g = groupOf.apply(i);
            if (g == null) continue;
            values.append(values.length() == 0 ? "" : ", ").append("(").append(i).append(", '").append(g).append("', 0.0, 'r')");
        }
        members.write("select * from (values " + values + ") t(entity_id, segment, score, explanation)", "seg-" + at,
                at, "h");
    }

    private static String javaArm(long id, Experiment e) {
        if (ArmHashTest.javaBucket(HOLDOUT.salt(), String.valueOf(id)) < HOLDOUT.bound()) return Experiment.HOLDOUT_ARM;
        int bucket = ArmHashTest.javaBucket(e.salt(), String.valueOf(id));
        for (var b : e.bucketBounds().entrySet()) if (bucket < b.getValue()) return b.getKey();
        throw new AssertionError();
    }

    private Map<Long, String> assignments() {
        Map<Long, String> out = new TreeMap<>();
        try (RowStream rows = db.query("select entity_id, arm from segments.winback_assignments")) {
            while (rows.hasNext()) {
                Object[] r = rows.next();
                out.put(((Number) r[0]).longValue(), (String) r[1]);
            }
        }
        return out;
    }

    private List<Object[]> rows(String sql) {
        List<Object[]> out = new java.util.ArrayList<>();
        try (RowStream rows = db.query(sql)) {
            while (rows.hasNext()) out.add(rows.next());
        }
        return out;
    }

    @Test
    void armsStickAcrossThreeRunsWithChurn() {
        Experiment e = experiment(0.3);
        AssignmentStore store = new AssignmentStore(db, e, HOLDOUT, null);
        // run 1: 400 customers, a third in each group
        segmentRun(400, i -> GROUPS.get(i % 3), RUN1);
        AssignmentStore.RunResult r1 = store.assign(RUN1, "a1");
        Map<Long, String> after1 = assignments();
        assertEquals(267, after1.size(), "ids with i % 3 in (0, 1) are targeted");
        assertEquals(267, r1.entered());
        after1.forEach((id, arm) -> assertEquals(javaArm(id, e), arm, "arm of " + id));
        // run 2: 1..100 rotate groups, 301..350 leave the segmentation, 401..500 are new
        segmentRun(500, i -> i > 300 && i <= 350 ? null : GROUPS.get((i <= 100 ? i + 1 : i) % 3), RUN2);
        store.assign(RUN2, "a2");
        Map<Long, String> after2 = assignments();
        after1.forEach((id, arm) -> assertEquals(arm, after2.get(id), "entity " + id + " kept its arm"));
        for (var a : after2.entrySet()) assertEquals(javaArm(a.getKey(), e), a.getValue());
        assertTrue(after2.containsKey(402L) && !after1.containsKey(2L) && after2.containsKey(2L),
                "a new customer (402) and a mover from loyal into at_risk (2) are assigned on entry");
        assertEquals(RUN2, assignedAt(2));
        // run 3: 301..350 come back, everything else as in run 2
        segmentRun(500, i -> GROUPS.get((i <= 100 ? i + 1 : i) % 3), RUN3);
        AssignmentStore.RunResult r3 = store.assign(RUN3, "a3");
        Map<Long, String> after3 = assignments();
        after2.forEach((id, arm) -> assertEquals(arm, after3.get(id), "entity " + id + " kept its arm"));
        assertEquals(0, r3.entered(), "returning entities are not assigned again");
        assertFalse(r3.srm().mismatch());

        // 303 (at_risk): in, out in run 2, back in run 3 -> two history periods with the same arm
        List<Object[]> h303 = rows("select arm, valid_from, valid_to from segments.winback_assignment_history"
                + " where entity_id = 303 order by valid_from");
        assertEquals(2, h303.size());
        assertEquals(h303.get(0)[0], h303.get(1)[0]);
        assertEquals(RUN2, asLocal(h303.get(0)[2]).toInstant(java.time.ZoneOffset.UTC));
        assertEquals(null, h303.get(1)[2]);
        // 3: at_risk in run 1, lapsed from run 2 (still targeted): one open period, entry stratum kept
        List<Object[]> a3 = rows("select a.stratum, count(h.entity_id), count(h.valid_to) from"
                + " segments.winback_assignments a join segments.winback_assignment_history h using (entity_id)"
                + " where entity_id = 3 group by a.stratum");
        assertEquals("at_risk", a3.get(0)[0]);
        assertEquals(1L, ((Number) a3.get(0)[1]).longValue());
        assertEquals(0L, ((Number) a3.get(0)[2]).longValue());
        // 1: lapsed in run 1, loyal (not targeted) from run 2: assignment kept, period closed
        assertEquals(after1.get(1L), after3.get(1L));
        assertEquals(1, rows("select 1 from segments.winback_assignment_history where entity_id = 1 and valid_to is not null").size());
        assertEquals(0, rows("select 1 from segments.winback_assignment_history where entity_id = 1 and valid_to is null").size());
    }

    @Test
    void shareChangeMidFlightIsBlockedAsSampleRatioMismatch() {
        segmentRun(2000, i -> GROUPS.get(i % 3), RUN1);
        new AssignmentStore(db, experiment(0.3), HOLDOUT, null).assign(RUN1, "a1");
        Map<Long, String> before = assignments();
        segmentRun(4000, i -> GROUPS.get(i % 3), RUN2);
        DiagnosticException ex = assertThrows(DiagnosticException.class,
                () -> new AssignmentStore(db, experiment(0.7), HOLDOUT, null).assign(RUN2, "a2"));
        assertEquals(ErrorCode.SAMPLE_RATIO_MISMATCH, ex.diagnostics().get(0).code());
        assertTrue(ex.diagnostics().get(0).message().contains("sample-ratio mismatch"), ex.getMessage());
        assertEquals(before, assignments(), "the live assignments are untouched");
        assertTrue(db.describe(AssignmentTables.of("winback").staging()).isEmpty(), "staging dropped");
        assertFalse(new AssignmentStore(db, experiment(0.3), HOLDOUT, null).assign(RUN2, "a2").srm().mismatch(),
                "the declared shares still pass");
    }

    private Instant assignedAt(long id) {
        Object ts = rows("select assigned_at from segments.winback_assignments where entity_id = " + id).get(0)[0];
        return asLocal(ts).toInstant(java.time.ZoneOffset.UTC);
    }

    private static java.time.LocalDateTime asLocal(Object ts) {
        return ts instanceof java.sql.Timestamp t ? t.toLocalDateTime() : (java.time.LocalDateTime) ts;
    }
}
