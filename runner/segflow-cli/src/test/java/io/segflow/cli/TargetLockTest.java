package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetLockTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondRunOnTheSameTargetIsRefusedWithTheHolderNamed() {
        Path project = CliRunner.copyExample(tmp.resolve("shop"), 200);
        try (TargetLock held = TargetLock.acquire(project.resolve("target"), "dev", "build")) {
            TargetLock.LockedException e = assertThrows(TargetLock.LockedException.class,
                    () -> TargetLock.acquire(project.resolve("target"), "dev", "build"));
            assertTrue(e.getMessage().contains("target 'dev' is in use by another segflow run (pid "), e.getMessage());
            CliRunner.Result r = CliRunner.run(project, "build");
            assertEquals(1, r.code(), r.all());
            assertTrue(r.err().contains("is in use by another segflow run"), r.err());
            // other targets are independent
            TargetLock.acquire(project.resolve("target"), "prod", "build").close();
        }
        CliRunner.Result after = CliRunner.run(project, "build");
        assertEquals(0, after.code(), after.all());
    }
}
