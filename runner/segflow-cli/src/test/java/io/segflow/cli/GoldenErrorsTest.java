package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segflow.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Deliberately broken projects under src/test/resources/golden/: `segflow compile` must exit 2 and print
 * exactly expected.txt on stderr. Run with -Dsegflow.updateGolden=true to rewrite the expected files.
 */
class GoldenErrorsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TestFactory
    Stream<DynamicTest> brokenProjectsPrintExactDiagnostics() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(GOLDEN)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            CliRunner.Result r = CliRunner.run(dir.toAbsolutePath(), "compile", "--profiles-dir", dir.resolve("no-profiles").toAbsolutePath().toString());
            assertEquals(2, r.code(), r.all());
            GoldenFile.assertMatches(dir.resolve("expected.txt"), r.err(), "stderr of " + dir.getFileName());
            assertEquals(false, r.all().contains("\tat "), "no stack trace without --debug");
        }));
    }
}
