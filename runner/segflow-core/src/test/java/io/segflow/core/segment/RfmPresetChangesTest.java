package io.segflow.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.segment.rfm.RfmPresets;
import io.segflow.core.segment.rfm.RfmPresets.Group;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code preset: standard_rfm} changed rule by rule: replace a group in place, add one, remove one. */
class RfmPresetChangesTest {
    @TempDir
    Path dir;

    static final String CHANGED = RfmReproductionTest.yaml("quantile") + """
                segments:
                  - {name: Champions, recency: [4, 5], frequency: [4, 5], monetary: [4, 5]}
                  - {name: About To Sleep, remove: true}
                  - {name: Big Spenders, monetary: 5, before: Potential Loyalist}
                  - {name: Dormant, recency: 1}
            """;

    static List<String> names(List<Group> groups) {
        return groups.stream().map(Group::name).toList();
    }

    @Test
    void changesReplaceInPlaceAddBeforeOrAtTheEndAndRemove() {
        Group champions = new Group("Champions", 4, 5, 4, 5, 4, 5);
        List<Group> out = RfmPresets.apply(RfmPresets.STANDARD_RFM, List.of(
                new RfmPresets.Change("Champions", champions, null, "segments.0"),
                new RfmPresets.Change("About To Sleep", null, null, "segments.1"),
                new RfmPresets.Change("Big Spenders", new Group("Big Spenders", 1, 5, 1, 5, 5, 5), "Lost", "segments.2"),
                new RfmPresets.Change("Dormant", new Group("Dormant", 1, 1, 1, 5, 1, 5), null, "segments.3")));
        assertEquals(List.of("Champions", "Potential Loyalist", "Loyal Customers", "Promising", "New Customers",
                "Can't Lose Them", "At Risk", "Need Attention", "Big Spenders", "Lost", "Dormant"), names(out));
        assertEquals(champions, out.get(0));
        assertEquals(RfmPresets.STANDARD_RFM.get(1), out.get(1), "untouched groups keep the preset's ranges");
        // moving an existing group: before: on a known name takes it out and puts it back in front of the other
        List<Group> moved = RfmPresets.apply(RfmPresets.STANDARD_RFM, List.of(
                new RfmPresets.Change("Lost", RfmPresets.STANDARD_RFM.get(9), "Champions", "segments.0")));
        assertEquals("Lost", moved.get(0).name());
        assertEquals(10, moved.size());
    }

    /** The changed scheme on the R package's data: every customer lands where first match over it says. */
    @Test
    void changedPresetAssignsLikeTheChangedSchemeOnTheRData() throws Exception {
        SegmentProjects.write(dir, CHANGED);
        CompiledSegment s = SegmentProjects.compile(dir).segments().get("segment.rfm");
        Path csv = RfmReproductionTest.csv();
        Map<String, int[]> scores = RfmReproductionTest.expectedScores(RfmReproductionTest.readCustomers(csv), 5);
        List<Group> scheme = new ArrayList<>(RfmPresets.STANDARD_RFM);
        scheme.set(0, new Group("Champions", 4, 5, 4, 5, 4, 5));
        scheme.removeIf(g -> g.name().equals("About To Sleep"));
        scheme.add(1, new Group("Big Spenders", 1, 5, 1, 5, 5, 5));
        scheme.add(new Group("Dormant", 1, 1, 1, 5, 1, 5));
        Map<String, String> expected = new TreeMap<>();
        scores.forEach((id, sc) -> expected.put(id, RfmReproductionTest.segmentOf(sc, scheme)));
        Map<String, String> actual = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            RfmReproductionTest.load(c, csv);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(s.compiledSql())) {
                while (rs.next()) actual.put(rs.getString("entity_id"), rs.getString("segment"));
            }
        }
        assertEquals(expected, actual);
        assertTrue(actual.containsValue("Big Spenders"), "the added group is used on this data");
        assertTrue(!actual.containsValue("About To Sleep"), "the removed group is gone");
        Map<String, String> standard = new TreeMap<>();
        scores.forEach((id, sc) -> standard.put(id, RfmReproductionTest.segmentOf(sc)));
        assertNotEquals(standard, actual, "the changes move customers");
    }

    @Test
    void unknownGroupsAndChangesWithoutAPresetArePositionedErrors() {
        SegmentProjects.write(dir, CHANGED.replace("{name: About To Sleep, remove: true}",
                "{name: About To Slep, remove: true}"));
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> SegmentProjects.compile(dir));
        Diagnostic d = RulesSegmentTest.find(e, ErrorCode.INVALID_VALUE);
        assertTrue(d.message().contains("no group 'About To Slep'"), d.message());
        assertTrue(d.hint().contains("About To Sleep"), d.hint());
        assertEquals(13, d.position().line(), d.format());

        SegmentProjects.write(dir, CHANGED.replace("preset: standard_rfm", "bins: 5"));
        e = assertThrows(DiagnosticException.class, () -> SegmentProjects.compile(dir));
        d = RulesSegmentTest.find(e, ErrorCode.INVALID_VALUE);
        assertTrue(d.message().contains("has no preset"), d.message());
        assertEquals(13, d.position().line(), d.format());
    }
}
