package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.segflow.docs.site.DocsServer;
import io.segflow.testkit.browser.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the docs site of the example project (and its segment report) in a real headless Chromium at 1280 px, the
 * way a person would: no console error, nothing wider than the window, the graphs drawn and clickable, search
 * answering, the report's experiments and audiences sections present. Screenshots land in runner/segflow-cli/target/browser/ for review; with -Dsegflow.readmeScreenshots=true
 * the README's go to docs/img/. One browser for all pages. In CI (CI=true) a missing Chromium fails the test.
 */
class DocsSiteInBrowserTest {
    private static final int WIDTH = 1280;
    private static final Path SHOTS = Path.of("target/browser").toAbsolutePath();
    /** The screenshots README.md shows (docs/img/NAME.png). */
    private static final List<String> README_SHOTS = List.of("docs-dag", "docs-lineage", "docs-feature", "report-experiments");

    @TempDir
    static Path tmp;

    @Test
    void siteAndReportRenderWithoutErrorsOrOverflowAt1280() throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        if (chromium.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and no Chromium on the PATH (set SEGFLOW_CHROMIUM or run .ci/chromium.sh)");
            }
            Assumptions.abort("no Chromium on the PATH: apt-get install chromium (or set SEGFLOW_CHROMIUM)");
        }
        Path project = CliRunner.copyExample(tmp.resolve("shop"), 300);
        Files.createDirectories(project.resolve("audiences"));
        Files.copy(CliRunner.repoRoot().resolve("audiences/campaigns.yml"), project.resolve("audiences/campaigns.yml"));
        CliRunner.Result build = CliRunner.run(project, "build", "--select", "+segment.lifecycle", "--vars",
                "{as_of_date: '2024-09-30'}");
        assertEquals(0, build.code(), build.all());
        for (String[] step : List.of(new String[] {"experiment", "assign", "--as-of", "2024-10-01"},
                new String[] {"experiment", "readout", "winback_offer", "--as-of", "2024-12-31", "--cuped"})) {
            CliRunner.Result r = CliRunner.run(project, step);
            assertEquals(0, r.code(), r.all());
        }
        CliRunner.Result report = CliRunner.run(project, "report");
        assertEquals(0, report.code(), report.all());
        CliRunner.Result docs = CliRunner.run(project, "docs");
        assertEquals(0, docs.code(), docs.all());
        Path target = project.resolve("target");
        Path site = target.resolve("docs/index.html");
        boolean siteReport = Files.isRegularFile(target.resolve("docs/report/index.html"));

        List<String> failures = new ArrayList<>();
        Path broken = Files.writeString(tmp.resolve("broken.html"), "<!DOCTYPE html><body><div style='width:1500px'>wide</div>"
                + "<script>console.error('boom'); undefinedFunction();</script></body>");
        try (HeadlessChromium browser = HeadlessChromium.start(chromium.get())) {
            browser.open(broken.toUri(), WIDTH, 900);
            List<String> seen = browser.takeProblems();
            assertTrue(seen.stream().anyMatch(p -> p.contains("boom")) && seen.stream().anyMatch(p -> p.contains("undefinedFunction")),
                    "the harness sees console errors and exceptions: " + seen);
            assertTrue(browser.horizontalOverflow().stream().anyMatch(p -> p.startsWith("document")), "the harness sees overflow");

            browser.open(site.toUri(), WIDTH, 900);
            check(browser, "docs-dag", failures);
            assertTrue(browser.evaluate("document.querySelectorAll('#dag .node').length").asInt() >= 10, "DAG nodes drawn");
            assertEquals(siteReport ? "A" : "SPAN", browser.evaluate("document.getElementById('report-link').tagName").asText(),
                    "the nav links the report exactly when target/docs/report/index.html exists");

            browser.evaluate("document.querySelector('#dag .node').dispatchEvent(new MouseEvent('click', {bubbles: true}))");
            browser.settle();
            assertTrue(browser.evaluate("location.hash").asText().length() > 1, "clicking a DAG node opens it");

            show(browser, "feature.customer_features");
            assertTrue(browser.evaluate("!document.getElementById('page-feature.customer_features').hidden").asBoolean());
            assertTrue(browser.evaluate("document.querySelector('#page-feature\\\\.customer_features .pii') !== null").asBoolean(),
                    "the email column is flagged PII");
            check(browser, "docs-feature", failures);

            show(browser, "lineage/analytics.customer_features.total_revenue");
            int columns = browser.evaluate("document.querySelectorAll('#lineage-graph .col').length").asInt();
            assertTrue(columns >= 3, "lineage of total_revenue reaches its sources, drew " + columns);
            check(browser, "docs-lineage", failures);
            browser.evaluate("[...document.querySelectorAll('#lineage-graph .col')].find(c => !c.classList.contains('selected'))"
                    + ".dispatchEvent(new MouseEvent('click', {bubbles: true}))");
            browser.settle();
            assertTrue(browser.evaluate("location.hash").asText().startsWith("#lineage/"), "clicking a column follows it");

            show(browser, "segment.lifecycle");
            check(browser, "docs-segment", failures);

            browser.evaluate("const s = document.getElementById('search'); s.value = 'revenue';"
                    + " s.dispatchEvent(new Event('input')); true");
            browser.settle();
            assertTrue(browser.evaluate("document.getElementById('search-results').textContent").asText()
                    .contains("customer_features"), "search finds the features with a revenue column");
            check(browser, "docs-search", failures);

            try (DocsServer server = DocsServer.start(site.getParent(), 0)) {
                browser.open(server.uri(), WIDTH, 900);
                assertTrue(browser.evaluate("document.querySelectorAll('#dag .node').length").asInt() >= 10, "served DAG");
                check(browser, "docs-served", failures);
            }

            for (Path page : List.of(target.resolve("report.html"), target.resolve("docs/report/index.html"))) {
                if (!Files.isRegularFile(page)) continue;
                browser.open(page.toUri(), WIDTH, 900);
                check(browser, page.getFileName().toString().equals("report.html") ? "report" : "docs-report", failures);
                assertTrue(browser.evaluate("document.querySelectorAll('#experiments table.readout tr').length").asInt() >= 3,
                        "the experiments section shows the readout of both arms");
                assertTrue(browser.evaluate("document.querySelectorAll('#audiences svg.chart rect').length").asInt() >= 4,
                        "the audiences section draws the overlap matrix");
                assertTrue(browser.evaluate("document.getElementById('aud-retention_campaigns') !== null").asBoolean(),
                        "the audience set is listed");
            }
            browser.open(target.resolve("report.html").toUri(), WIDTH, 900);
            // the README shows the two sections alone: the segmentations are hidden for that picture
            browser.evaluate("document.getElementById('segmentations').style.display = 'none'; true");
            browser.settle();
            check(browser, "report-experiments", failures);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static void show(HeadlessChromium browser, String fragment) {
        browser.evaluate("location.hash = " + quote(fragment) + "; true");
        browser.settle();
    }

    private static void check(HeadlessChromium browser, String name, List<String> failures) throws Exception {
        Path shot = browser.screenshot(SHOTS.resolve(name + ".png"));
        browser.takeProblems().forEach(p -> failures.add(name + ": " + p));
        browser.horizontalOverflow().forEach(p -> failures.add(name + " overflows at " + WIDTH + " px: " + p));
        if (Boolean.getBoolean("segflow.readmeScreenshots") && README_SHOTS.contains(name)) {
            Path img = CliRunner.repoRoot().resolve("docs/img").resolve(name + ".png");
            Files.createDirectories(img.getParent());
            Files.copy(shot, img, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
