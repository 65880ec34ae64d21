package io.segflow.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The workload the {@code segflow} launcher runs once per jar build under {@code -XX:ArchiveClassesAtExit}: the
 * classes it loads (init, compile, ls, help on the init template) go into the class-data-sharing archive that
 * later short commands map instead of loading and verifying them again. Not a user command.
 */
final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("segflow-cds");
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(discard);
        System.setErr(discard);
        int code;
        try {
            String project = dir.resolve("training").toString();
            code = SegflowCli.execute("init", project);
            code = Math.max(code, SegflowCli.execute("compile", "--project-dir", project));
            code = Math.max(code, SegflowCli.execute("ls", "--project-dir", project));
            SegflowCli.execute("--help");
            SegflowCli.execute("--version");
        } finally {
            System.setOut(out);
            System.setErr(err);
            deleteTree(dir);
        }
        System.exit(code);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
