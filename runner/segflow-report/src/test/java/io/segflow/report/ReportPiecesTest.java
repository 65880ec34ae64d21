package io.segflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.report.svg.Heatmap;
import io.segflow.report.svg.Svg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportPiecesTest {
    @Test
    void transitionMatrixFollowsDefinitionOrderNotTheAlphabet() {
        Map<String, Map<String, Long>> t = new LinkedHashMap<>();
        t.put("(none)", Map.of("lapsed", 3L, "new", 5L));
        t.put("new", Map.of("active", 2L, "(none)", 1L));
        Map<String, Object> m = SegmentationData.transitions(t, List.of("new", "loyal", "active", "lapsed"));
        assertEquals(List.of("(none)", "new", "loyal", "active", "lapsed"), m.get("from"));
        assertEquals(List.of("new", "loyal", "active", "lapsed", "(none)"), m.get("to"));
        assertEquals(List.of(5L, 0L, 0L, 3L, 0L), ((List<?>) m.get("counts")).get(0));
        assertEquals(List.of(0L, 0L, 2L, 0L, 1L), ((List<?>) m.get("counts")).get(1));
    }

    @Test
    void longLabelsAreCutWithTheFullTextAsTooltipAndEverythingIsEscaped() {
        String name = "c3_low_annual_income_k_high_spending_score_1_100 <&> \"quoted\"";
        String svg = Heatmap.render(List.of(name), List.of("x"), new Double[][] {{1.0}}, v -> "1", new Double[][] {{1.0}},
                Heatmap.Scale.SEQUENTIAL, 1, "row", "col", "test");
        assertTrue(svg.contains("<title>" + Svg.esc(name) + "</title>"), svg);
        assertTrue(svg.contains("…"), svg);
        assertFalse(svg.contains("<&>"), svg);
        assertEquals("abc", Svg.fit("abc", 12, 100));
        assertTrue(Svg.fit("a".repeat(40), 12, 70).length() <= 10);
    }
}
