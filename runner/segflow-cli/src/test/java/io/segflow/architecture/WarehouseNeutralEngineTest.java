package io.segflow.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine (core, ml, cli) never names a warehouse: what differs between warehouses lives in the warehouse's own
 * module (its {@code SqlFlavor}, adapter and factory), found through {@code ServiceLoader}. This fails when main
 * sources of core, ml or cli import a warehouse module's classes, name one of Calcite's warehouse dialects, test a
 * dialect with {@code instanceof}, or spell a warehouse type name in a string literal. The CLI's pom may still
 * depend on every warehouse module: packaging is not a reference.
 */
class WarehouseNeutralEngineTest {
    private static final List<String> ENGINE_MODULES = List.of("segflow-core", "segflow-ml", "segflow-experiments",
            "segflow-audiences", "segflow-cli");

    /**
     * The one place a warehouse name may appear: a project without profiles.yml gets an implicit {@code dev}
     * target of this type (a local DuckDB file), so the default has to be spelled once.
     */
    private static final Set<String> ALLOWED = Set.of(
            "ProfilesReader.java: public static final String DEFAULT_TARGET_TYPE = \"duckdb\";",
            // an in-process DuckDB is the Parquet file writer of exports, whatever the target warehouse
            "ExportFiles.java: private static final String PARQUET_WRITER = \"jdbc:duckdb:\";");

    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\bio\\.segflow\\.(duckdb|snowflake|bigquery)\\b"),
            Pattern.compile("\\b(Snowflake|BigQuery|DuckDB|DuckDb)(Sql|Unparse)Dialect\\b"),
            Pattern.compile("\\binstanceof\\s+\\w*Dialect\\b"),
            Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\\b(duckdb|snowflake|bigquery)\\b(?:[^\"\\\\\\n]|\\\\.)*\""));

    private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    @Test
    void coreMlAndCliNameNoWarehouse() throws IOException {
        Path runner = runnerDir();
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (String module : ENGINE_MODULES) {
            Path src = runner.resolve(module).resolve("src/main/java");
            try (Stream<Path> walk = Files.walk(src)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    files++;
                    violations.addAll(violations(p.getFileName().toString(), Files.readString(p)));
                }
            }
        }
        assertTrue(files > 100, "scanned only " + files + " files under " + runner);
        assertEquals(List.of(), violations, "engine sources that name a warehouse (move it into the warehouse's "
                + "SqlFlavor / adapter module)");
    }

    @Test
    void theScanCatchesEachKindOfReferenceAndIgnoresComments() {
        String source = """
                import io.segflow.snowflake.SnowflakeFlavor;
                // a comment may say "bigquery"
                /* and so may a block: instanceof SnowflakeSqlDialect */
                class X {
                    String a = switch (type) { case "bigquery" -> "x"; default -> "y"; };
                    boolean b = dialect instanceof BigQuerySqlDialect;
                    String c = "needs a warehouse with dry runs (duckdb)";
                    String d = "DuckDB is fine in prose with capitals";
                }
                """;
        List<String> found = violations("X.java", source);
        assertEquals(4, found.size(), found.toString());
        assertTrue(found.get(0).contains("io.segflow.snowflake"), found.toString());
        assertTrue(found.stream().anyMatch(v -> v.contains("\"bigquery\"")), found.toString());
        assertTrue(found.stream().anyMatch(v -> v.contains("instanceof BigQuerySqlDialect")), found.toString());
        assertTrue(found.stream().anyMatch(v -> v.contains("(duckdb)")), found.toString());
    }

    @Test
    void theAllowlistedDefaultStillExistsSoTheAllowlistCannotGoStale() throws IOException {
        Path file = runnerDir().resolve("segflow-core/src/main/java/io/segflow/core/project/ProfilesReader.java");
        String line = ALLOWED.stream().filter(a -> a.startsWith("ProfilesReader.java: ")).findFirst().orElseThrow()
                .substring("ProfilesReader.java: ".length());
        assertTrue(Files.readString(file).contains(line), "allowlisted line moved: " + line);
    }

    /** "File: line" for each forbidden reference outside comments, one per line, allowlisted lines skipped. */
    static List<String> violations(String fileName, String source) {
        List<String> out = new ArrayList<>();
        String code = blankComments(source);
        String[] lines = code.split("\n", -1);
        for (String line : lines) {
            String entry = fileName + ": " + line.trim();
            if (ALLOWED.contains(entry)) continue;
            for (Pattern p : FORBIDDEN) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    out.add(entry);
                    break;
                }
            }
        }
        return out;
    }

    /** Comments replaced by spaces, keeping line breaks (a warehouse may be named in prose). */
    private static String blankComments(String source) {
        Matcher m = COMMENTS.matcher(source);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(m.group().replaceAll("[^\\n]", " ")));
        m.appendTail(sb);
        return sb.toString();
    }

    private static Path runnerDir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("segflow-core"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("no runner/ directory above " + Path.of("").toAbsolutePath());
        return p;
    }
}
