package io.segflow.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** expected_members fixtures given as CSV files go through the seed reader, quotes and all, on DuckDB. */
class FixtureCsvTest {
    @TempDir
    Path dir;

    private FixtureRunner.Outcome run(String csv) throws Exception {
        SegmentProjects.write(dir, """
                segments:
                  - name: by_country
                    type: rules
                    from: customers
                    rules:
                      - {name: dach, when: "country = 'DE, AT'"}
                    else: other
                """);
        Files.createDirectories(dir.resolve("fixtures"));
        Files.writeString(dir.resolve("fixtures/customers.csv"), csv);
        CompiledProject cp = SegmentProjects.compile(dir);
        CompiledSegment segment = cp.segments().values().iterator().next();
        return FixtureRunner.run(cp, segment, Map.of("given", Map.of("customers", "fixtures/customers.csv"),
                "expect", List.of(Map.of("entity_id", 7, "segment", "dach"), Map.of("entity_id", 8, "segment", "other"))));
    }

    @Test
    void quotedDelimitersStayInsideTheirField() throws Exception {
        FixtureRunner.Outcome o = run("customer_id,country,revenue\n7,\"DE, AT\",1.5\n8,FR,\n");
        assertTrue(o.passed(), o.toString());
    }

    @Test
    void aRaggedFixtureRowIsAPositionedError() {
        DiagnosticException e = assertThrows(DiagnosticException.class,
                () -> run("customer_id,country,revenue\n7,DE, AT,1.5\n8,FR,\n"));
        Diagnostic d = e.diagnostics().get(0);
        assertEquals(ErrorCode.CSV_FORMAT, d.code());
        assertEquals("fixtures/customers.csv:2:1", d.position().toString());
    }
}
