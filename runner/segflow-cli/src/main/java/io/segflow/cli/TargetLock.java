package io.segflow.cli;

import io.segflow.core.diagnostic.LocalFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One writer per target: an OS file lock on target/locks/&lt;target&gt;.lock held for the whole command. The OS
 * releases it when the process dies (even on SIGKILL), so a killed run never leaves a stale lock behind.
 * It guards runs started from the same project checkout and machine (the usual scheduler setup).
 */
final class TargetLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private TargetLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or throws {@link LockedException} naming the holder. */
    static TargetLock acquire(Path targetDir, String target, String command) {
        Path file = targetDir.resolve("locks").resolve(target + ".lock");
        try {
            Files.createDirectories(file.getParent());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                ch.close();
                throw new LockedException("target '" + target + "' is in use by another segflow run"
                        + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + "; wait for it to finish, or stop it, then run again");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", segflow " + command + ", started "
                    + Instant.now()).getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            return new TargetLock(ch, l);
        } catch (IOException e) {
            throw LocalFileException.writing(file, null, e);
        }
    }

    static final class LockedException extends RuntimeException {
        LockedException(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
