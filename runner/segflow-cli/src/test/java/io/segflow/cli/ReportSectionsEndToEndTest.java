package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's experiments and audiences sections on the example project, built on DuckDB through the CLI: the
 * readout shown (report.json and the page's table) is the one `segflow experiment readout` wrote, the arm counts are
 * the assignments table's, the audience sizes the set's members and every overlap cell the
 * {@code audiences.segment_overlap} row.
 */
class ReportSectionsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void experimentReadoutAndAudienceOverlapShowTheFiguresTheRunsWrote() throws Exception {
        Path project = CliRunner.copyExample(tmp.resolve("shop"), 1500);
        Files.delete(project.resolve("segments/models.yml"));
        Files.createDirectories(project.resolve("audiences"));
        Files.copy(CliRunner.repoRoot().resolve("audiences/campaigns.yml"), project.resolve("audiences/campaigns.yml"));
        ok(project, "build", "--vars", "{as_of_date: '2024-09-30'}");
        ok(project, "report");
        String before = Files.readString(project.resolve("target/report.html"));
        assertTrue(before.contains("No assignments yet") && before.contains("segflow experiment readout winback_offer"),
                "before assignment the report says which commands produce the figures");

        ok(project, "experiment", "assign", "--as-of", "2024-10-01");
        ok(project, "experiment", "readout", "winback_offer", "--as-of", "2024-12-31", "--cuped");
        ok(project, "report");
        JsonNode report = JSON.readTree(project.resolve("target/report.json").toFile());
        String html = Files.readString(project.resolve("target/report.html"));

        JsonNode exp = report.at("/experiments/experiments/0");
        JsonNode readout = JSON.readTree(project.resolve("target/experiments/winback_offer.json").toFile());
        assertEquals(readout, exp.get("readout"), "report.json carries the readout as written");
        for (List<Object> r : rows(project, "select arm, count(*) from segments.winback_offer_assignments"
                + " where arm <> 'global_holdout' group by arm")) {
            assertEquals(((Number) r.get(1)).longValue(), exp.at("/assignment/counts/" + r.get(0)).asLong(), "arm " + r.get(0));
        }
        assertTrue(exp.at("/assignment/global_holdout").asLong() > 0);
        assertTrue(html.contains("CUPED variance reduction: <b>on</b>"));
        for (JsonNode arm : readout.get("arms")) {
            List<String> cells = cells(html, arm.get("arm").asText());
            assertEquals(String.format(Locale.ROOT, "%,d", arm.get("n").asLong()), cells.get(1));
            assertEquals(String.format(Locale.ROOT, "%.2f%%", 100 * arm.get("mean").asDouble()), cells.get(2));
            if (arm.get("control").asBoolean()) continue;
            JsonNode ci = arm.get("abs_ci");
            assertEquals(String.format(Locale.ROOT, "%+.2f%% [%+.2f%%, %+.2f%%]", 100 * arm.get("abs_uplift").asDouble(),
                    100 * ci.get(0).asDouble(), 100 * ci.get(1).asDouble()), cells.get(3));
            assertEquals(String.format(Locale.ROOT, "%.4g", arm.get("p_value").asDouble()), cells.get(5));
            assertTrue(html.contains("absolute uplift with 95% confidence interval"), "the interval chart is drawn");
        }

        JsonNode set = report.at("/audiences/audience_sets/0");
        assertEquals("retention_campaigns", set.get("name").asText());
        Map<String, Long> sizes = new HashMap<>();
        rows(project, "select segment, count(*) from segments.retention_campaigns_members group by segment")
                .forEach(r -> sizes.put((String) r.get(0), ((Number) r.get(1)).longValue()));
        assertEquals(List.of("win_back", "vip_thanks", "cart_recovery", "welcome"),
                set.get("priority").findValuesAsText("audience"));
        for (JsonNode p : set.get("priority")) {
            assertEquals(sizes.getOrDefault(p.get("audience").asText(), 0L), p.get("members").asLong(), p.toString());
        }
        assertEquals(400, set.at("/priority/0/cap").asInt());

        JsonNode pairs = report.at("/audiences/overlap/pairs");
        List<List<Object>> table = rows(project, "select segmentation_a || '.' || group_a, segmentation_b || '.' || group_b,"
                + " intersection, jaccard from audiences.segment_overlap");
        assertEquals(table.size(), pairs.size());
        Map<String, JsonNode> byPair = new HashMap<>();
        pairs.forEach(p -> byPair.put(p.get("a").asText() + "|" + p.get("b").asText(), p));
        int shownInCells = 0;
        for (List<Object> r : table) {
            JsonNode p = byPair.get(r.get(0) + "|" + r.get(1));
            assertEquals(((Number) r.get(2)).longValue(), p.get("intersection").asLong(), r.toString());
            assertEquals(((Number) r.get(3)).doubleValue(), p.get("jaccard").asDouble(), 1e-12, r.toString());
            String tooltip = "group " + r.get(0) + ", with " + r.get(1) + ": " + r.get(2) + "</title>";
            if (html.contains(tooltip)) shownInCells++;
        }
        int groups = report.at("/audiences/overlap/groups").size();
        int shown = Math.min(groups, 24);
        assertEquals(shown * shown, shownInCells, "every shown cell carries the table's count");
    }

    /** The cells of the readout table's row of {@code arm}. */
    private static List<String> cells(String html, String arm) {
        Matcher row = Pattern.compile("<tr><td title=\"" + Pattern.quote(arm) + "\">" + Pattern.quote(arm)
                + "( \\(control\\))?</td>(.*?)</tr>").matcher(html.substring(html.indexOf("<table class=\"readout\">")));
        assertTrue(row.find(), "readout row of " + arm);
        List<String> out = new java.util.ArrayList<>(List.of(arm));
        Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row.group(2));
        while (cell.find()) out.add(cell.group(1));
        return out;
    }

    private static List<List<Object>> rows(Path project, String sql) throws Exception {
        return CliRunner.query(project.resolve("target/dev.duckdb"), sql);
    }

    private static void ok(Path project, String... args) {
        CliRunner.Result r = CliRunner.run(project, args);
        assertEquals(0, r.code(), r.all());
    }
}
