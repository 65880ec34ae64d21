package io.segflow.core.diagnostic;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A file segflow itself writes (artifacts, model registry, lock, catalog snapshot) could not be written: the disk
 * is full, a folder is not writable, a path is in the way. The machine is at fault, not the project, so the CLI
 * exits 1 (not 2) and prints SF800 naming the file and the cause.
 */
public class LocalFileException extends DiagnosticException {
    private LocalFileException(Diagnostic diagnostic, IOException cause) {
        super(diagnostic);
        initCause(cause);
    }

    /** Wraps the failure to write {@code file}, after removing {@code leftover} (its temporary file) if given. */
    public static LocalFileException writing(Path file, Path leftover, IOException cause) {
        if (leftover != null) {
            try {
                Files.deleteIfExists(leftover);
            } catch (IOException ignored) {
                // the same disk or permission fault; the message below names the file either way
            }
        }
        String reason = reason(cause);
        return new LocalFileException(Diagnostic.error(ErrorCode.LOCAL_FILE, SourcePosition.of(file),
                "cannot write " + file + ": " + reason, hint(reason, file)), cause);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            return "a file is in the way of the folder " + e.getMessage();
        }
        String r = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (r == null) return e.getClass().getSimpleName();
        String lower = r.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left")) return "no space left on device";
        if (lower.contains("disk quota")) return "disk quota exceeded";
        if (lower.contains("read-only file system")) return "read-only file system";
        if (lower.contains("permission denied") || lower.contains("operation not permitted")) return "permission denied";
        return r;
    }

    private static String hint(String reason, Path file) {
        Path folder = file.toAbsolutePath().getParent();
        return switch (reason) {
            case "no space left on device", "disk quota exceeded" -> "free space on the disk holding " + folder
                    + "; nothing partial was left behind";
            case "permission denied", "read-only file system" -> "make " + folder + " writable for this user";
            default -> "check " + folder;
        };
    }
}
