package io.segflow.core.seed;

import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.CompiledSeed;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.execute.Targets;
import io.segflow.core.project.ProjectLoader;
import io.segflow.core.project.Seed;
import io.segflow.core.seed.CsvFuzzer.Mutant;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;

/**
 * Runs {@link CsvFuzzer} mutants through the seed reader. Every mutant goes through {@link SeedTable} (infer, then
 * every typed row); every {@code fullEvery}-th also through the path `segflow seed` takes (seeds.yml written out,
 * project load, compile, DuckDB bulk load) and must reach the same verdict. Allowed outcomes: loaded, or a
 * {@link DiagnosticException} whose diagnostics all have a code and a line (data-file lines within the file).
 * Anything else is a crash; a case running longer than the time limit is a hang.
 */
final class CsvFuzzHarness implements AutoCloseable {
    static final Path DATA = Path.of("data/fuzz.dat");
    private static final SourcePosition YAML = new SourcePosition(Path.of("seeds/seeds.yml"), 2, 5);

    record Summary(long seed, int cases, Map<String, Integer> outcomes, int fullPath, List<String> crashes,
                   List<String> hangs, long slowestMillis) {
        String resultLine() {
            return "RESULT csv_fuzz_seed=" + seed + " mutants=" + cases + " full_path=" + fullPath + " crashes="
                    + crashes.size() + " hangs=" + hangs.size() + " loaded=" + outcomes.getOrDefault("loaded", 0)
                    + " rejected=" + (cases - outcomes.getOrDefault("loaded", 0)) + " slowest_ms=" + slowestMillis;
        }
    }

    private final Path work;
    private final long timeoutMillis;
    private final WarehouseAdapter duck;
    private ExecutorService executor = Executors.newSingleThreadExecutor();

    CsvFuzzHarness(Path work, long timeoutMillis) {
        this.work = work;
        this.timeoutMillis = timeoutMillis;
        this.duck = Targets.factory("duckdb").open(new TargetConfig("fuzz", "duckdb", Map.of("path", ":memory:"), work));
        try {
            Files.createDirectories(work.resolve("data"));
            Files.createDirectories(work.resolve("seeds"));
            Files.writeString(work.resolve("segflow_project.yml"), "name: fuzz\nprofile: fuzz\nschema: analytics\n");
            Files.writeString(work.resolve("profiles.yml"),
                    "fuzz:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: \":memory:\"}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs cases {@code first} .. {@code first + cases - 1} of the run with this seed. */
    Summary run(long seed, int first, int cases, int fullEvery) {
        List<byte[]> corpus = CsvFuzzer.CORPUS.stream().map(c -> resource(c.file())).toList();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> crashes = new ArrayList<>();
        List<String> hangs = new ArrayList<>();
        int full = 0;
        long slowest = 0;
        for (int i = first; i < first + cases; i++) {
            int c = CsvFuzzer.random(seed, i).nextInt(corpus.size());
            Mutant m = CsvFuzzer.mutate(seed, i, CsvFuzzer.CORPUS.get(c), corpus.get(c));
            boolean viaProject = fullEvery > 0 && i % fullEvery == 0;
            if (viaProject) full++;
            long start = System.nanoTime();
            Future<String> f = executor.submit(() -> verdict(m, viaProject));
            try {
                outcomes.merge(f.get(timeoutMillis, TimeUnit.MILLISECONDS), 1, Integer::sum);
            } catch (TimeoutException e) {
                f.cancel(true);
                executor.shutdownNow();
                executor = Executors.newSingleThreadExecutor();
                hangs.add(describe(m) + " ran over " + timeoutMillis + " ms");
            } catch (java.util.concurrent.ExecutionException e) {
                crashes.add(describe(m) + " -> " + e.getCause() + at(e.getCause()));
                keep(m, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
        }
        return new Summary(seed, cases, outcomes, full, crashes, hangs, slowest);
    }

    private String verdict(Mutant m, boolean viaProject) throws IOException {
        Files.write(work.resolve(DATA), m.bytes());
        String direct = direct(m);
        if (viaProject) {
            // both load the same number of rows, or both refuse (codes may differ: seeds.yml is checked first)
            String project = throughProject(m);
            boolean same = direct.startsWith("loaded") ? direct.equals(project) : !project.startsWith("loaded");
            if (!same) throw new AssertionError("seed reader says " + direct + " but the project path says " + project);
        }
        return direct.startsWith("loaded") ? "loaded" : direct;
    }

    private String direct(Mutant m) {
        Mutant.Options o = m.options();
        CsvOptions csv;
        try {
            csv = new CsvOptions(o.header(), o.columnNames(), o.delimiter(), Charset.forName(o.encoding().trim()),
                    o.nullValues());
        } catch (IllegalArgumentException e) {
            return "config"; // seeds.yml reports these at the key (SeedOptionsReader); the project path checks that
        }
        Seed seed = new Seed("fuzz", DATA, "analytics", csv, o.types(), o.formats(), null, List.of(), List.of(), YAML);
        try {
            SeedTable t = SeedTable.infer(seed, work);
            long rows = 0;
            try (CsvReader in = t.open()) {
                for (var it = t.rows(in); it.hasNext(); it.next()) rows++;
            }
            return "loaded " + rows;
        } catch (DiagnosticException e) {
            return checked(e, m);
        }
    }

    private String throughProject(Mutant m) throws IOException {
        Files.writeString(work.resolve("seeds/seeds.yml"), SeedYaml.of("fuzz", DATA, m.options()));
        try {
            CompiledProject cp = new ProjectCompiler(new ProjectLoader(null).loadProject(work), new CompileOptions(
                    "dev", "duckdb", DuckDBSqlDialect.DEFAULT, Map.of(), Map.of(), null)).compile();
            CompiledSeed s = cp.seeds().values().iterator().next();
            duck.createSchemaIfMissing(s.relation().schema());
            try (CsvReader in = s.table().open()) {
                return "loaded " + duck.bulkLoad(s.relation(), s.columns(), s.table().rows(in), true);
            } catch (RuntimeException e) {
                for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof DiagnosticException d) throw d;
                throw e;
            }
        } catch (DiagnosticException e) {
            return checked(e, m);
        }
    }

    /** The diagnostic's code, after checking it is positioned; throws when it is not. */
    private static String checked(DiagnosticException e, Mutant m) {
        long lines = 1; // CR, LF and CRLF each end a line, as in the CSV parser and in editors
        byte[] b = m.bytes();
        for (int i = 0; i < b.length; i++) if (b[i] == '\n' || b[i] == '\r' && (i + 1 == b.length || b[i + 1] != '\n')) lines++;
        for (Diagnostic d : e.diagnostics()) {
            SourcePosition p = d.position();
            boolean positioned = d.code() != null && p != null && p.file() != null && p.line() >= 1
                    && (!p.file().equals(DATA) || p.line() <= lines);
            if (!positioned) throw new AssertionError("unpositioned diagnostic: " + d.format(), e);
        }
        return e.diagnostics().get(0).code().id();
    }

    private static String describe(Mutant m) {
        return "case " + m.index() + " (" + m.corpus() + ": " + String.join("; ", m.steps()) + ")";
    }

    private static String at(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        return st.length == 0 ? "" : " at " + st[0];
    }

    private void keep(Mutant m, Throwable why) {
        try {
            Path dir = Files.createDirectories(Path.of("target/csvfuzz-failures"));
            Files.write(dir.resolve("case-" + m.index() + ".dat"), m.bytes());
            Files.writeString(dir.resolve("case-" + m.index() + ".txt"), describe(m) + "\n" + m.options() + "\n"
                    + SeedYaml.of("fuzz", DATA, m.options()) + "\n" + why);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = CsvFuzzHarness.class.getResourceAsStream("/csvfuzz/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource csvfuzz/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        duck.close();
    }
}
