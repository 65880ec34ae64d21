package io.segflow.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the compile cache may answer for a segmentation, and what must be checked again. */
class SegmentCacheTest {
    @TempDir
    Path dir;

    private Set<String> reused = Set.of();

    @Test
    void personalDataReachingASegmentThroughAnUnchangedFeatureIsCaughtFromTheCache() throws IOException {
        SegmentProjects.write(dir, """
                segments:
                  - name: by_label
                    type: rules
                    from: top
                    entity_key: customer_id
                    rules:
                      - {name: de, when: "label = 'DE'"}
                    else: other
                """);
        Files.writeString(dir.resolve("features/mid.sql"), "select customer_id, country as label from {{ ref('customers') }}\n");
        Files.writeString(dir.resolve("features/top.sql"), "select customer_id, label from {{ ref('mid') }}\n");
        compile();
        compile();
        assertTrue(reused.contains("segment.by_label"), reused.toString());
        // same column name and type two features up: top's SQL and row type do not change, its lineage does
        Files.writeString(dir.resolve("features/mid.sql"), "select customer_id, email as label from {{ ref('customers') }}\n");
        DiagnosticException e = assertThrows(DiagnosticException.class, this::compile);
        assertEquals(ErrorCode.PRIVACY, e.diagnostics().get(0).code(), e.diagnostics().get(0).format());
        assertTrue(e.diagnostics().get(0).message().contains("raw.customers.email"), e.diagnostics().get(0).message());
    }

    private void compile() {
        CompileOptions options = new CompileOptions("dev", "duckdb", DuckDBSqlDialect.DEFAULT, Map.of(), Map.of(), null);
        ProjectCompiler compiler = new ProjectCompiler(new ProjectLoader(null).loadProject(dir), options, true);
        compiler.compile();
        compiler.writeCache();
        reused = Set.copyOf(compiler.reusedFromCache());
    }
}
