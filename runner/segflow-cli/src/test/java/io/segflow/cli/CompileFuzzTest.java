package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property-based fuzzing of load + render + validate + compile: seeded mutations of the example project's YAML,
 * SQL and Jinja files (deleted/duplicated/swapped lines, truncation, injected tokens, random bytes). Every
 * mutant must end in exit 0 (still valid) or exit 2 with positioned diagnostics, never a crash (exit 1), a
 * stack trace or a hang. Override the number of mutants with -Dsegflow.fuzz.cases=N and the seed with -Dsegflow.fuzz.seed=S.
 */
class CompileFuzzTest {
    private static final String[] TOKENS = {"{{", "}}", "{%", "%}", "{#", "'", "\"", ":", "- ", "[", "]", "{", "}",
        "select", "from", ",", "(", ")", "ref('", "source('raw', '", "var('", "config(", "::", "--", "\t", "\u00e9",
        "\u0000", "null", "~", "&anchor", "*anchor", "!!binary", "? ", "|", ">", "%", "\\", ";", "qualify", "over ("};

    @TempDir
    Path tmp;

    @Test
    void mutatedProjectsAlwaysEndInACleanResult() throws IOException {
        int cases = Integer.getInteger("segflow.fuzz.cases", 250);
        Path pristine = CliRunner.copyExample(tmp.resolve("pristine"), 100);
        List<Path> files;
        try (Stream<Path> s = Files.walk(pristine)) {
            files = s.filter(Files::isRegularFile).map(pristine::relativize)
                    .filter(p -> p.toString().endsWith(".sql") || p.toString().endsWith(".yml") || p.toString().endsWith(".csv"))
                    .sorted().toList();
        }
        SplittableRandom random = new SplittableRandom(Long.getLong("segflow.fuzz.seed", 20261123L));
        Map<Integer, Integer> exitCodes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            Path dir = tmp.resolve("case" + i);
            copy(pristine, dir);
            Path victim = files.get(random.nextInt(files.size()));
            String mutation = mutate(dir.resolve(victim.toString()), random);
            CliRunner.Result r = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> CliRunner.run(dir, "compile"), "hang on case " + i + " " + victim + " " + mutation);
            exitCodes.merge(r.code(), 1, Integer::sum);
            boolean clean = (r.code() == 0 || (r.code() == 2 && r.err().contains("error[SF")))
                    && !r.all().contains("\tat ") && !r.all().contains("Exception");
            if (!clean) {
                failures.add("case " + i + " (" + victim + ": " + mutation + ") exit " + r.code() + ":\n"
                        + r.all().lines().limit(12).reduce("", (a, b) -> a + b + "\n"));
            }
            deleteTree(dir);
        }
        System.out.println("CompileFuzzTest: " + cases + " mutated projects tried; exit codes " + exitCodes);
        if (!failures.isEmpty()) fail(failures.size() + " of " + cases + " mutants crashed:\n" + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
        assertTrue(exitCodes.getOrDefault(2, 0) > cases / 4, "most mutants should be rejected: " + exitCodes);
        assertFalse(exitCodes.containsKey(1));
    }

    private static String mutate(Path file, SplittableRandom r) throws IOException {
        String text = Files.readString(file);
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.isEmpty()) lines.add("");
        int at = r.nextInt(lines.size());
        int kind = r.nextInt(7);
        switch (kind) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, lines.get(r.nextInt(lines.size())));
            case 2 -> {
                int other = r.nextInt(lines.size());
                String tmp = lines.get(at);
                lines.set(at, lines.get(other));
                lines.set(other, tmp);
            }
            case 3 -> {
                Files.writeString(file, text.substring(0, r.nextInt(text.length() + 1)));
                return "truncate";
            }
            case 4, 5 -> {
                String line = lines.get(at);
                int col = r.nextInt(line.length() + 1);
                String token = TOKENS[r.nextInt(TOKENS.length)];
                lines.set(at, line.substring(0, col) + token + line.substring(col));
                Files.writeString(file, String.join("\n", lines) + "\n");
                return "insert '" + token + "' at " + (at + 1) + ":" + (col + 1);
            }
            default -> {
                StringBuilder sb = new StringBuilder(text);
                for (int k = 0; k < 3 && sb.length() > 0; k++) sb.setCharAt(r.nextInt(sb.length()), (char) (32 + r.nextInt(95)));
                Files.writeString(file, sb.toString());
                return "random chars";
            }
        }
        Files.writeString(file, String.join("\n", lines) + "\n");
        return new String[] {"delete", "duplicate", "swap"}[kind] + " line " + (at + 1);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
        }
    }
}
