package io.segflow.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.LocalFileException;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.NodeStatus;
import io.segflow.core.execute.RunResults;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk-full and unwritable targets: SF800 naming the file and the cause, the previous file kept, no temp file. */
class ArtifactWriterFaultsTest {
    private static final RunResults RESULTS = new RunResults("r1", "build", "dev", Instant.parse("2026-11-30T00:00:00Z"),
            1.5, List.of(new NodeResult("feature.a", "a", NodeStatus.SUCCESS, "table", "analytics.a", 3, 0.1, null)));

    @TempDir
    Path target;

    @Test
    void aFullDiskIsReportedWithTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path previous = Files.writeString(target.resolve("run_results.json"), "{\"previous\": true}\n");
        // /dev/full fails every write with ENOSPC, exactly what a full disk does
        Files.createSymbolicLink(target.resolve("run_results.json.tmp"), Path.of("/dev/full"));

        LocalFileException e = assertThrows(LocalFileException.class, () -> new ArtifactWriter(target).writeRunResults(RESULTS));

        Diagnostic d = e.diagnostics().get(0);
        assertEquals(ErrorCode.LOCAL_FILE, d.code());
        assertEquals("cannot write " + previous + ": no space left on device", d.message());
        assertTrue(d.hint().contains("free space on the disk holding " + target), d.hint());
        assertEquals("{\"previous\": true}\n", Files.readString(previous));
        assertEquals(List.of("run_results.json"), names(target));
    }

    @Test
    void aFileInPlaceOfTheTargetFolderIsReportedWithItsPath() throws IOException {
        Path blocked = Files.writeString(target.resolve("target"), "not a folder");
        LocalFileException e = assertThrows(LocalFileException.class,
                () -> new ArtifactWriter(blocked).writeRunResults(RESULTS));
        assertEquals(ErrorCode.LOCAL_FILE, e.diagnostics().get(0).code());
        assertTrue(e.getMessage().startsWith(blocked.resolve("run_results.json") + ": error[SF800]: cannot write "
                + blocked.resolve("run_results.json") + ": "), e.getMessage());
        assertEquals(List.of("target"), names(target));
    }

    @Test
    void permissionErrorsSaySoAndNameTheFolder() {
        Path file = target.resolve("target/run_results.json");
        LocalFileException e = LocalFileException.writing(file, null, new AccessDeniedException(file.toString()));
        assertEquals("cannot write " + file + ": permission denied", e.diagnostics().get(0).message());
        assertEquals("make " + file.getParent() + " writable for this user", e.diagnostics().get(0).hint());
    }

    @Test
    void successfulWritesLeaveOnlyTheFile() throws IOException {
        new ArtifactWriter(target).writeRunResults(RESULTS);
        assertEquals(List.of("run_results.json"), names(target));
        assertTrue(Files.readString(target.resolve("run_results.json")).contains("\"run_id\" : \"r1\""));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
