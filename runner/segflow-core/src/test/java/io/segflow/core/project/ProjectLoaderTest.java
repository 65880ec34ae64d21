package io.segflow.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLoaderTest {
    private static Path root;
    private static Project project;

    @BeforeAll
    static void loadValidProject() throws Exception {
        root = GoldenDiagnosticsTest.projectsDir().resolve("valid");
        project = new ProjectLoader(null).loadProject(root);
    }

    @Test
    void readsProjectConfigWithDefaults() {
        ProjectConfig c = project.config();
        assertEquals("shop_analytics", c.name());
        assertEquals("1.0", c.version());
        assertEquals("shop", c.profile());
        assertEquals(List.of("features"), c.featurePaths());
        assertEquals(List.of("segments"), c.segmentPaths());
        assertEquals("target", c.targetPath());
        assertEquals("marts", c.schema());
        assertEquals("table", c.defaultMaterialized());
        assertEquals(50, c.minSegmentSize());
        assertEquals(Map.of("start_date", "2010-12-01", "currency", "GBP", "lookback_days", 365L), c.vars());
        assertEquals(root.toAbsolutePath().normalize(), project.root());
    }

    @Test
    void readsTargetsFromTheProfileWithoutRenderingJinja() {
        assertEquals("dev", project.defaultTarget());
        assertEquals(2, project.targets().size());
        TargetSpec dev = project.targets().get("dev");
        assertEquals("duckdb", dev.type());
        assertEquals(Map.of("path", "target/shop.duckdb", "threads", 2L), dev.settings());
        assertEquals(new SourcePosition(Path.of("profiles.yml"), 4, 5), dev.position());
        TargetSpec prod = project.targets().get("prod");
        assertEquals("snowflake", prod.type());
        assertEquals("{{ env_var('SNOWFLAKE_PASSWORD') }}", prod.settings().get("password"));
        assertEquals(Map.of("query_tag", "segflow"), prod.settings().get("session"));
    }

    @Test
    void readsSourcesWithDefaultsColumnsAndTests() {
        assertEquals(2, project.sources().size());
        SourceTable invoices = project.source("retail", "invoices").orElseThrow();
        assertEquals("raw", invoices.schema());
        assertEquals("online_retail_ii", invoices.identifier());
        assertNull(invoices.database());
        assertEquals(new SourcePosition(Path.of("features/sources.yml"), 6, 9), invoices.position());
        assertEquals(List.of("invoice", "customer_id", "quantity"),
                invoices.columns().stream().map(ColumnSpec::name).toList());
        ColumnSpec customerId = invoices.columns().get(1);
        assertTrue(customerId.pii());
        assertEquals("BIGINT", customerId.type());
        TestSpec positive = invoices.columns().get(2).tests().get(0);
        assertEquals("expression_is_true", positive.kind());
        assertEquals(Map.of("expression", "quantity <> 0"), positive.args());
        assertEquals("warn", positive.severity());
        assertEquals(new SourcePosition(Path.of("features/sources.yml"), 18, 17), positive.position());
        SourceTable countries = project.source("retail", "countries").orElseThrow();
        assertEquals("countries", countries.identifier());
        assertTrue(countries.columns().isEmpty());
    }

    @Test
    void joinsFeatureSqlWithItsPropertiesAndMergesConfig() {
        assertEquals(List.of("customer_orders", "rfm_base"), project.features().stream().map(Feature::name).toList());
        Feature orders = project.feature("customer_orders").orElseThrow();
        assertEquals(Path.of("features/customers/customer_orders.sql"), orders.path());
        assertTrue(orders.sql().contains("{{ source('retail', 'invoices') }}"));
        assertEquals(new FeatureConfig("incremental", "marts", null, List.of("customer_id"), "customer_id",
                List.of("customers", "daily"), true), orders.config());
        assertEquals("One row per customer with order counts and revenue.", orders.description());
        assertEquals(new SourcePosition(Path.of("features/customers/customer_orders.yml"), 2, 5),
                orders.propertiesPosition());
        List<TestSpec> idTests = orders.columns().get(0).tests();
        assertEquals(List.of("not_null", "unique", "relationships"), idTests.stream().map(TestSpec::kind).toList());
        assertEquals(Map.of("to", "source('retail', 'invoices')", "field", "customer_id"), idTests.get(2).args());
        assertEquals("error", idTests.get(2).severity());
        assertEquals(1, orders.tests().size());

        Feature rfm = project.feature("rfm_base").orElseThrow();
        assertEquals(new FeatureConfig("table", "marts", null, List.of(), null, List.of(), true), rfm.config());
        assertNull(rfm.propertiesPosition());
        assertTrue(rfm.columns().isEmpty());
    }

    @Test
    void keepsSegmentBodiesAsPlainJavaWithPositions() {
        assertEquals(List.of("value_tiers", "rfm_scores"), project.segments().stream().map(SegmentSpec::name).toList());
        SegmentSpec tiers = project.segments().get(0);
        assertEquals("rules", tiers.type());
        assertEquals(Path.of("segments/value_tiers.yml"), tiers.file());
        assertEquals(List.of(Map.of("name", "vip", "when", "revenue >= 5000"),
                Map.of("name", "regular", "when", "revenue >= 500")), tiers.body().get("rules"));
        assertEquals("occasional", tiers.body().get("default"));
        Path file = Path.of("segments/value_tiers.yml");
        assertEquals(new SourcePosition(file, 2, 5), tiers.position());
        assertEquals(new SourcePosition(file, 8, 15), tiers.positionOf("rules.0.when"));
        assertEquals(new SourcePosition(file, 9, 9), tiers.positionOf("rules.1"));
        assertEquals(tiers.position(), tiers.positionOf("no.such.key"));
        assertEquals(List.of("exclusive", "min_size", "max_share"), tiers.tests().stream().map(TestSpec::kind).toList());
        assertEquals(Map.of("min", 10L), tiers.tests().get(1).args());
        assertEquals(Map.of("max", 0.9), tiers.tests().get(2).args());
        assertEquals("warn", tiers.tests().get(2).severity());
        assertEquals(5L, project.segments().get(1).body().get("bins"));
    }

    @Test
    void readsMacrosAndSingularTests() {
        assertEquals(1, project.macros().size());
        assertEquals(Path.of("macros/money.sql"), project.macros().get(0).path());
        assertTrue(project.macros().get(0).text().contains("{% macro money(col) %}"));
        assertEquals(1, project.singularTests().size());
        assertEquals("no_negative_revenue", project.singularTests().get(0).name());
    }

    @Test
    void withoutAnyProfilesTheProjectGetsAnImplicitDuckdbDevTarget(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("segflow_project.yml"), "name: tiny\n");
        Project tiny = new ProjectLoader(dir.resolve("no-such-home")).loadProject(dir);
        assertEquals("dev", tiny.defaultTarget());
        TargetSpec dev = tiny.targets().get("dev");
        assertEquals("duckdb", dev.type());
        assertEquals(Map.of("path", "target/dev.duckdb"), dev.settings());
        assertEquals("analytics", tiny.config().schema());
        assertEquals("view", tiny.config().defaultMaterialized());
        assertEquals("tiny", tiny.config().profile());
    }

    @Test
    void fallsBackToTheUserProfilesFolder(@TempDir Path dir) throws Exception {
        Path project = Files.createDirectory(dir.resolve("proj"));
        Path home = Files.createDirectory(dir.resolve("home"));
        Files.writeString(project.resolve("segflow_project.yml"), "name: tiny\n");
        Files.writeString(home.resolve("profiles.yml"),
                "tiny:\n  target: bq\n  outputs:\n    bq:\n      type: bigquery\n      project: p1\n");
        Project tiny = new ProjectLoader(home).loadProject(project);
        assertEquals("bq", tiny.defaultTarget());
        assertEquals(Map.of("project", "p1"), tiny.targets().get("bq").settings());
        // outside the project the full path is shown
        assertEquals(home.resolve("profiles.yml").toAbsolutePath().normalize(),
                tiny.targets().get("bq").position().file());
    }

    @Test
    void defaultTargetMustNameAnOutput(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("segflow_project.yml"), "name: tiny\n");
        Files.writeString(dir.resolve("profiles.yml"),
                "tiny:\n  target: deve\n  outputs:\n    dev:\n      type: duckdb\n");
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> new ProjectLoader(null).loadProject(dir));
        assertEquals(1, e.diagnostics().size());
        assertEquals(ErrorCode.INVALID_VALUE, e.diagnostics().get(0).code());
        assertEquals("did you mean 'dev'?", e.diagnostics().get(0).hint());
        assertEquals(new SourcePosition(Path.of("profiles.yml"), 2, 11), e.diagnostics().get(0).position());
    }

    @Test
    void emptyYamlFilesAreAccepted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("segflow_project.yml"), "name: tiny\n");
        Files.createDirectories(dir.resolve("features"));
        Files.writeString(dir.resolve("features/empty.yml"), "# nothing yet\n");
        Files.writeString(dir.resolve("features/a.sql"), "select 1");
        Project tiny = new ProjectLoader(null).loadProject(dir);
        assertEquals(1, tiny.features().size());
    }
}
