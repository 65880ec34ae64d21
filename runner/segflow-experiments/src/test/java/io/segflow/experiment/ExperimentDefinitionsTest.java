package io.segflow.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** experiments/*.yml through the project loader: valid definitions, and each definition error positioned. */
class ExperimentDefinitionsTest {
    @TempDir
    Path dir;

    private List<String> errors(String yaml) throws Exception {
        try {
            definitions(yaml);
            return List.of();
        } catch (DiagnosticException e) {
            return e.diagnostics().stream().map(ExperimentDefinitionsTest::line).toList();
        }
    }

    private ExperimentDefinitions.Definitions definitions(String yaml) throws Exception {
        Files.writeString(dir.resolve("segflow_project.yml"), "name: p\n");
        Files.createDirectories(dir.resolve("experiments"));
        Files.writeString(dir.resolve("experiments/x.yml"), yaml);
        Project p = new ProjectLoader(dir.resolve("no-profiles")).loadProject(dir);
        return new ExperimentDefinitions(Map.of("lifecycle", List.of("at_risk", "lapsed", "loyal")),
                Map.of("customer_features", List.of("customer_id", "total_revenue"))).read(p.experiments());
    }

    private static String line(Diagnostic d) {
        return d.position().line() + ":" + d.position().column() + " " + d.code().id() + " " + d.message();
    }

    @Test
    void validDefinitionWithDefaults() throws Exception {
        ExperimentDefinitions.Definitions defs = definitions("""
                global_holdout: {share: 0.05}
                experiments:
                  - name: e1
                    segment: lifecycle
                    groups: [at_risk]
                    arms: {a: 0.5, b: 0.25, c: 0.25}
                    stratify_by: {feature: customer_features, column: total_revenue, buckets: 5}
                """);
        Experiment e = defs.find("e1").orElseThrow();
        assertEquals("a", e.control(), "the first arm when none is named control");
        assertEquals("e1", e.salt());
        assertEquals(Map.of("a", 5000, "b", 7500, "c", 10000), e.bucketBounds());
        assertEquals(Experiment.Stratify.Kind.FEATURE, e.stratify().kind());
        assertEquals(500, defs.holdout().bound());
        assertEquals(GlobalHoldout.DEFAULT_SALT, defs.holdout().salt());
    }

    @Test
    void eachDefinitionErrorIsPositioned() throws Exception {
        List<String> errors = errors("""
                experiments:
                  - name: e1
                    segment: lifecycle
                    groups: [at_risk, lapsd]
                    arms: {control: 0.3, treatment: 0.6}
                    start: 2024-05-01
                    stop: 2024-04-01
                  - name: e2
                    segment: lifecyle
                    arms: {control: 0.12345, treatment: 0.87655}
                    control: ctrl
                    stratify_by: {feature: customer_features, column: revenue}
                """);
        assertEquals(List.of(
                "4:23 SF611 segmentation 'lifecycle' has no group 'lapsd'",
                "5:11 SF610 arm shares of 'e1' sum to 0.9, not 1",
                "7:11 SF610 stop 2024-04-01 is before start 2024-05-01",
                "9:14 SF611 experiment 'e2' targets unknown segmentation 'lifecyle'",
                "10:21 SF610 share 0.12345 is finer than 1/10000 of the hash buckets",
                "10:41 SF610 share 0.87655 is finer than 1/10000 of the hash buckets",
                "11:14 SF610 control arm 'ctrl' is not one of the arms [control, treatment]",
                "12:55 SF611 feature 'customer_features' has no column 'revenue'"), errors);
    }

    @Test
    void unknownKeysAndTheReservedNameAreReportedByTheLoader() throws Exception {
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> definitions("""
                global_holdout: {share: 0.05}
                experiments:
                  - name: global_holdout
                    segment: lifecycle
                    arms: {control: 0.5, treatment: 0.5}
                    window: 30
                """));
        assertEquals(List.of("3:11 SF610", "6:5 SF101"), e.diagnostics().stream()
                .map(d -> d.position().line() + ":" + d.position().column() + " " + d.code().id()).toList());
    }
}
