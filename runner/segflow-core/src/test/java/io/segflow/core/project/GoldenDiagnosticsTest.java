package io.segflow.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.DiagnosticPrinter;
import io.segflow.testkit.GoldenFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every projects/broken_* folder must fail to load with exactly the diagnostics in its expected.txt
 * (all of them, sorted by file and position, printed with source snippets).
 * Run with -Dsegflow.updateGolden=true to rewrite the expected files after an intended change.
 */
class GoldenDiagnosticsTest {

    @TestFactory
    Stream<DynamicTest> brokenProjectsReportExactlyTheExpectedDiagnostics() throws Exception {
        Path projects = projectsDir();
        List<Path> broken;
        try (Stream<Path> dirs = Files.list(projects)) {
            broken = dirs.filter(d -> d.getFileName().toString().startsWith("broken_")).sorted().toList();
        }
        assertFalse(broken.isEmpty(), "no broken_* projects found under " + projects);
        return broken.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws IOException {
        DiagnosticException e = assertThrows(DiagnosticException.class,
                () -> new ProjectLoader(null).loadProject(dir));
        String actual = new DiagnosticPrinter(dir).formatAll(e.diagnostics()) + "\n";
        Path source = Path.of("src/test/resources/projects").resolve(dir.getFileName()).resolve("expected.txt");
        GoldenFile.assertMatches(source, actual, "diagnostics of " + dir.getFileName());
    }

    static Path projectsDir() throws URISyntaxException {
        return Path.of(GoldenDiagnosticsTest.class.getResource("/projects/valid").toURI()).getParent();
    }
}
