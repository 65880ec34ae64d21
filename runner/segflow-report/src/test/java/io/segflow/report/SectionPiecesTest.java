package io.segflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.report.svg.Colors;
import io.segflow.report.svg.Intervals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SectionPiecesTest {
    @Test
    void aBigOverlapMatrixKeepsTheLargestGroupsAndSaysSo() {
        List<Map<String, Object>> groups = new ArrayList<>();
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            groups.add(Map.of("segmentation", "s", "group", "g" + i, "size", 100L + i));
            for (int j = 0; j < 30; j++) {
                pairs.add(Map.of("a", "s.g" + i, "b", "s.g" + j, "intersection", i == j ? 100L + i : 1L, "union", 200L,
                        "jaccard", i == j ? 1.0 : 0.005));
            }
        }
        Map<String, Object> overlap = new LinkedHashMap<>();
        overlap.put("run_id", "r1");
        overlap.put("groups", groups);
        overlap.put("pairs", pairs);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("audience_sets", List.of());
        data.put("overlap", overlap);
        String html = new AudiencesSection().render(data, new ReportTemplates());
        assertTrue(html.contains("The 24 largest of 30 groups are shown"), html);
        Matcher rows = Pattern.compile("text-anchor=\"end\">s\\.g(\\d+)</text>").matcher(html);
        List<Integer> shown = new ArrayList<>();
        while (rows.find()) shown.add(Integer.parseInt(rows.group(1)));
        assertEquals(java.util.stream.IntStream.range(6, 30).boxed().toList(), shown, "the 24 largest, in their order");
        assertTrue(html.contains("group s.g29, with s.g29: 129</title>"), "diagonal count");
        assertTrue(html.contains("<div class=\"scroll\">"), "the matrix has its own scrolling box");
    }

    @Test
    void anIntervalThatExcludesZeroIsColouredAndOneThatCrossesItIsGrey() {
        String svg = Intervals.render(List.of(new Intervals.Row("treatment", 0.05, 0.01, 0.09),
                new Intervals.Row("other", 0.01, -0.03, 0.05)), x -> String.format(java.util.Locale.ROOT, "%.2f", x), "uplift");
        assertTrue(svg.contains("fill=\"" + Colors.series(0) + "\"><title>treatment: 0.05 (95% CI 0.01 to 0.09)</title>"), svg);
        assertTrue(svg.contains("fill=\"#8c8c8c\"><title>other: 0.01 (95% CI -0.03 to 0.05)</title>"), svg);
    }

    @Test
    void upliftsAreShownWithTheirIntervals() {
        assertEquals("+1.23% [-0.40%, +2.86%]", ExperimentsSection.withCi(0.0123, List.of(-0.004, 0.0286), true));
        assertEquals("+12.50", ExperimentsSection.withCi(12.5, null, false));
        assertEquals("n/a", ExperimentsSection.p(null));
    }
}
