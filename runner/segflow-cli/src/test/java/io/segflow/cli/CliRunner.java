package io.segflow.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs the CLI in-process with captured output, and copies the example project for tests. */
final class CliRunner {
    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private CliRunner() {
    }

    static synchronized Result run(Path projectDir, String... args) {
        List<String> full = new ArrayList<>(List.of(args));
        if (projectDir != null && full.size() > 0 && !full.get(0).equals("init")) {
            full.add("--project-dir");
            full.add(projectDir.toString());
        }
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SegflowCli.execute(full.toArray(String[]::new));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The rows of {@code sql} run on the DuckDB file {@code database}, values as JDBC returns them. */
    static List<List<Object>> query(Path database, String sql) throws java.sql.SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + database);
             java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.add(rs.getObject(i));
                rows.add(row);
            }
        }
        return rows;
    }

    /** The repository root: the nearest parent of the working directory holding segflow_project.yml. */
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("segflow_project.yml"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
        return p;
    }

    /** Copies the example project (not its target/) into {@code dest}, with {@code customers} synthetic customers. */
    static Path copyExample(Path dest, int customers) {
        Path root = repoRoot();
        try {
            for (String entry : List.of("segflow_project.yml", "profiles.yml", "features", "seeds", "segments", "macros", "tests",
                    "experiments")) {
                Path src = root.resolve(entry);
                if (!Files.exists(src)) continue;
                try (Stream<Path> s = Files.walk(src)) {
                    for (Path f : s.filter(Files::isRegularFile).toList()) {
                        Path to = dest.resolve(root.relativize(f).toString());
                        Files.createDirectories(to.getParent());
                        Files.copy(f, to);
                    }
                }
            }
            Path profiles = dest.resolve("profiles.yml");
            Files.writeString(profiles, Files.readString(profiles).replace("customers: 10000", "customers: " + customers));
            return dest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
