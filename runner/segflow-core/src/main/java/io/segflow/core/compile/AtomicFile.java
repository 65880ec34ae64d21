package io.segflow.core.compile;

import io.segflow.core.diagnostic.LocalFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file under a temporary name and renames it into place, so readers see the old file or the new one,
 * never half of one. A failed write (disk full, permissions) removes the temporary file and throws SF800.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** As {@link #write}, unless {@code file} already holds exactly {@code text} (then nothing is written). */
    public static Path writeIfChanged(Path file, String text) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) == text.getBytes(StandardCharsets.UTF_8).length
                    && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                return file;
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // unreadable or not UTF-8: fall through and replace it
        }
        return write(file, text);
    }

    public static Path write(Path file, String text) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw LocalFileException.writing(file, tmp, e);
        }
    }
}
