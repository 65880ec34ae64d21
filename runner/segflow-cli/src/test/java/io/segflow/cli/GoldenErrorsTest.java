package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            Path expected = dir.resolve("expected.txt");
            if (Boolean.getBoolean("segflow.updateGolden")) Files.writeString(expected, r.err());
            assertTrue(Files.exists(expected), expected + " is missing: run with -Dsegflow.updateGolden=true and review it");
            assertEquals(Files.readString(expected), r.err());
            assertEquals(false, r.all().contains("\tat "), "no stack trace without --debug");
        }));
    }
}
