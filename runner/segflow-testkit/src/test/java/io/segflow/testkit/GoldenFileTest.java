package io.segflow.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class GoldenFileTest {
    @TempDir
    Path dir;
    private String switchBefore;

    @BeforeEach
    void switchOff() {
        switchBefore = System.clearProperty(GoldenFile.UPDATE_PROPERTY);
    }

    @AfterEach
    void restoreSwitch() {
        if (switchBefore == null) {
            System.clearProperty(GoldenFile.UPDATE_PROPERTY);
        } else {
            System.setProperty(GoldenFile.UPDATE_PROPERTY, switchBefore);
        }
    }

    @Test
    void aMissingExpectedFileFailsAndIsNotCreated() {
        Path expected = dir.resolve("case/expected.txt");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> GoldenFile.assertMatches(expected, "output\n", "case"));
        assertTrue(e.getMessage().contains("-Dsegflow.updateGolden=true"), e.getMessage());
        assertFalse(Files.exists(expected));
    }

    @Test
    void aDifferentExpectedFileFails() throws IOException {
        Path expected = Files.writeString(dir.resolve("expected.txt"), "old\n");
        assertThrows(AssertionFailedError.class, () -> GoldenFile.assertMatches(expected, "new\n", "case"));
        assertDoesNotThrow(() -> GoldenFile.assertMatches(expected, "old\n", "case"));
    }

    @Test
    void theUpdateSwitchWritesTheExpectedFile() {
        Path expected = dir.resolve("new/expected.txt");
        System.setProperty(GoldenFile.UPDATE_PROPERTY, "true");
        GoldenFile.assertMatches(expected, "written\n", "case");
        assertTrue(Files.exists(expected));
    }
}
