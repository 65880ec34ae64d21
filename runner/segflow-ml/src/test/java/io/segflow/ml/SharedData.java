package io.segflow.ml;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real datasets in {@code shared/data} by walking up from the working directory. */
public final class SharedData {
    private SharedData() {
    }

    /** Path of {@code shared/data/<relative>}; skips the calling test (visible message) when it is absent. */
    public static Path file(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                Path file = candidate.resolve(relative);
                assumeTrue(Files.isRegularFile(file), "shared data file missing, skipping: " + file);
                return file;
            }
            dir = dir.getParent();
        }
        assumeTrue(false, "no shared/data folder above " + Path.of("").toAbsolutePath() + ", skipping real-data test");
        throw new AssertionError("unreachable");
    }
}
