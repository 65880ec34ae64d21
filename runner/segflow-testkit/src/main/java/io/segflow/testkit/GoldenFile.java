package io.segflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way every module compares output with a checked-in expected file. Expected files are written only when
 * the build runs with {@code -Dsegflow.updateGolden=true}; otherwise a missing file is a failure, never a new golden.
 */
public final class GoldenFile {
    public static final String UPDATE_PROPERTY = "segflow.updateGolden";
    private static final String RETIRED_PROPERTY = "segflow.updateGoldens";

    private GoldenFile() {
    }

    /** True when the build asked to rewrite expected files. */
    public static boolean updating() {
        if (System.getProperty(RETIRED_PROPERTY) != null) {
            fail("-D" + RETIRED_PROPERTY + " is no longer read; use -D" + UPDATE_PROPERTY + "=true");
        }
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    /** Asserts that {@code expectedFile} holds exactly {@code actual}; rewrites it first only when updating. */
    public static void assertMatches(Path expectedFile, String actual, String what) {
        try {
            if (updating()) {
                Files.createDirectories(expectedFile.toAbsolutePath().getParent());
                Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            }
            if (!Files.exists(expectedFile)) {
                fail("missing expected file " + expectedFile + " for " + what
                        + " (write it with -D" + UPDATE_PROPERTY + "=true and review the diff)");
            }
            assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual, what);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
