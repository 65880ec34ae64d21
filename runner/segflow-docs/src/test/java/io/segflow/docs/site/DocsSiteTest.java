package io.segflow.docs.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsSiteTest {
    private static final String MANIFEST = """
            {"metadata": {"project": "p&q", "target": "dev", "target_type": "duckdb"},
             "nodes": {"feature.orders": {"name": "orders", "kind": "feature", "path": "features/orders.sql",
                 "relation": "analytics.orders", "materialized": "view", "tags": ["core"],
                 "description": "Orders <script>alert(1)</script>",
                 "raw_sql": "select * from {{ source('raw', 'orders') }} -- {% if x %}",
                 "columns": [{"name": "email", "type": "VARCHAR", "description": "mail", "pii": true, "tests": ["not_null"]}],
                 "column_lineage": {"email": ["raw.orders.email"]}, "compiled_sql": "select 1"}},
             "sources": {"source.raw.orders": {"relation": "raw.orders", "columns": [{"name": "email", "type": "VARCHAR"}]}},
             "seeds": {}, "tests": {}, "segments": {"segment.s": {"name": "s", "type": "rules", "depends_on": ["feature.orders"],
                 "definition": {"name": "s", "rules": [{"name": "a", "when": "x > 1"}]}}},
             "parent_map": {"feature.orders": ["source.raw.orders"], "source.raw.orders": [], "segment.s": ["feature.orders"]}}
            """;

    @TempDir
    Path target;

    @Test
    void writesOneSelfContainedPageWithEscapedTextAndLiteralTemplates() throws Exception {
        Files.writeString(target.resolve("manifest.json"), MANIFEST);
        Files.createDirectories(target.resolve("compiled/dev/features"));
        Files.writeString(target.resolve("compiled/dev/features/orders.sql"), "SELECT \"email\" FROM \"raw\".\"orders\"\n");
        String html = Files.readString(DocsSite.write(target));
        assertTrue(html.contains("Orders &lt;script&gt;alert(1)&lt;/script&gt;"), "descriptions are escaped");
        assertFalse(html.contains("<script>alert(1)"), "no markup from the manifest reaches the page");
        assertTrue(html.contains("{{ source(&#39;raw&#39;, &#39;orders&#39;) }} -- {% if x %}")
                || html.contains("{{ source(&#x27;raw&#x27;, &#x27;orders&#x27;) }} -- {% if x %}"), "the SQL template is shown as written");
        assertTrue(html.contains("Compiled SQL · dev"), "compiled SQL per target directory");
        assertTrue(html.contains("class=\"pii\""), "PII columns are flagged");
        assertTrue(html.contains("rules:"), "a segment's definition is shown as YAML");
        assertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "nothing is fetched from the network");
        assertTrue(html.contains("run <code>segflow report</code>"), "without a report the nav says how to make one");
        assertTrue(html.contains("\\u003cscript\\u003e"), "the inlined data cannot close its script element");
    }

    @Test
    void linksTheReportWhenItExists() throws Exception {
        Files.writeString(target.resolve("manifest.json"), MANIFEST);
        Files.createDirectories(target.resolve("docs/report"));
        Files.writeString(target.resolve("docs/report/index.html"), "<html></html>");
        String html = Files.readString(DocsSite.write(target));
        assertTrue(html.contains("href=\"report/index.html\""), "the nav links report/index.html");
        assertEquals(html, Files.readString(DocsSite.siteDir(target).resolve("index.html")));
    }

    @Test
    void servesTheSiteAndNothingOutsideIt() throws Exception {
        Files.writeString(target.resolve("manifest.json"), MANIFEST);
        Path page = DocsSite.write(target);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        try (DocsServer server = DocsServer.start(page.getParent(), 0)) {
            java.net.http.HttpResponse<String> index = http.send(java.net.http.HttpRequest.newBuilder(server.uri()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            assertEquals(Files.readString(page), index.body());
            assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            java.net.http.HttpResponse<String> outside = http.send(java.net.http.HttpRequest.newBuilder(
                    server.uri().resolve("/%2e%2e/manifest.json")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(404, outside.statusCode(), "the manifest next to the site is not served");
        }
    }
}
