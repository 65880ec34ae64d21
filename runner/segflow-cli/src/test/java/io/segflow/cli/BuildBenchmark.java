package io.segflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: times `segflow run` on the example project at N customers against executing the very same compiled
 * SQL directly on DuckDB over JDBC (CREATE OR REPLACE TABLE/VIEW in the same order), in one process, and prints the
 * ratio. Both sides run in this one warm JVM, each opening the database file, running its statements and closing
 * it (DuckDB checkpoints on close); segflow's side is the whole command (load, compile with unchanged nodes from
 * the compile cache that the preceding `compile` filed, artifacts, materialisation, run results). Each repeat also
 * times `run --no-cache` (every node recompiled). Args: [customers=1000000] [workdir=bench/work] [repeats=3]
 * [threads=1] (segflow's --threads; the direct statements always run one after the other). The generated data is
 * cached per N.
 */
public final class BuildBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Path.of(args.length > 1 ? args[1] : "bench/work").toAbsolutePath();
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String threads = args.length > 3 ? args[3] : "1";
        Path cache = work.resolve("data-" + customers + ".duckdb");
        Path project = work.resolve("project-" + customers);
        if (!Files.exists(project)) CliRunner.copyExample(project, customers);
        Path db = project.resolve("target/dev.duckdb");
        if (!Files.exists(cache)) {
            long t0 = System.nanoTime();
            Files.createDirectories(work);
            must(SegflowCli.execute("generate", "--customers", String.valueOf(customers), "--project-dir", project.toString()));
            Files.copy(db, cache, StandardCopyOption.REPLACE_EXISTING);
            System.out.printf(Locale.ROOT, "generated %,d customers in %.1fs%n", customers, (System.nanoTime() - t0) / 1e9);
        }
        Files.createDirectories(db.getParent());
        Files.copy(cache, db, StandardCopyOption.REPLACE_EXISTING);
        must(SegflowCli.execute("seed", "--project-dir", project.toString()));
        must(SegflowCli.execute("compile", "--project-dir", project.toString()));
        List<String[]> statements = compiledStatements(project.resolve("target/manifest.json"));

        double segflowBest = Double.MAX_VALUE;
        double nodesOfBest = 0;
        double directBest = Double.MAX_VALUE;
        double uncachedBest = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            long tu = System.nanoTime();
            must(SegflowCli.execute("run", "--full-refresh", "--no-cache", "--select", "type:feature", "--threads",
                    threads, "--project-dir", project.toString(), "--log-format", "json"));
            uncachedBest = Math.min(uncachedBest, (System.nanoTime() - tu) / 1e9);
            long t0 = System.nanoTime();
            must(SegflowCli.execute("run", "--full-refresh", "--select", "type:feature", "--threads", threads,
                    "--project-dir", project.toString(), "--log-format", "json"));
            double segflow = (System.nanoTime() - t0) / 1e9;
            if (segflow < segflowBest) {
                segflowBest = segflow;
                nodesOfBest = nodeSeconds(project.resolve("target/run_results.json"));
            }
            long t1 = System.nanoTime();
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
                for (String[] st : statements) {
                    String kind = st[0].equals("view") ? "VIEW" : "TABLE";
                    s.execute("CREATE OR REPLACE " + kind + " " + st[1] + " AS " + st[2]);
                }
            }
            directBest = Math.min(directBest, (System.nanoTime() - t1) / 1e9);
        }
        System.out.printf(Locale.ROOT, "%nbuild benchmark: %,d customers, %d features, best of %d, --threads %s%n",
                customers, statements.size(), repeats, threads);
        System.out.printf(Locale.ROOT, "  segflow run (load+cached compile+atomic materialise):     %8.2f s%n", segflowBest);
        System.out.printf(Locale.ROOT, "  segflow run --no-cache (every node recompiled):          %8.2f s%n", uncachedBest);
        System.out.printf(Locale.ROOT, "  same compiled SQL directly on DuckDB (JDBC):             %8.2f s%n", directBest);
        System.out.printf(Locale.ROOT, "  ratio segflow / direct:                                  %8.2f x%n", segflowBest / directBest);
        System.out.printf(Locale.ROOT, "  of which materialising the nodes (the rest is load + compile): %8.2f s%n", nodesOfBest);
        System.out.printf(Locale.ROOT, "RESULT benchmark=build customers=%d features=%d threads=%s segflow_s=%.2f nodes_s=%.2f "
                        + "direct_s=%.2f ratio=%.2f ratio_nodes=%.2f nocache_s=%.2f ratio_nocache=%.2f%n", customers,
                statements.size(), threads, segflowBest, nodesOfBest, directBest, segflowBest / directBest,
                nodesOfBest / directBest, uncachedBest, uncachedBest / directBest);
    }

    /** The time the run spent inside its nodes, from run_results.json. */
    private static double nodeSeconds(Path runResults) throws Exception {
        double sum = 0;
        for (JsonNode r : JSON.readTree(runResults.toFile()).get("results")) sum += r.get("execution_seconds").asDouble();
        return sum;
    }

    /** (materialization, relation, sql) in DAG order from the manifest. */
    private static List<String[]> compiledStatements(Path manifest) throws Exception {
        JsonNode root = JSON.readTree(manifest.toFile());
        List<String[]> out = new ArrayList<>();
        List<String> order = new ArrayList<>();
        JsonNode parents = root.get("parent_map");
        List<String> pending = new ArrayList<>();
        root.get("nodes").fieldNames().forEachRemaining(pending::add);
        while (!pending.isEmpty()) {
            for (String id : new ArrayList<>(pending)) {
                boolean ready = true;
                for (JsonNode p : parents.get(id)) {
                    if (p.asText().startsWith("feature.") && !order.contains(p.asText())) ready = false;
                }
                if (ready) {
                    order.add(id);
                    pending.remove(id);
                }
            }
        }
        for (String id : order) {
            JsonNode n = root.get("nodes").get(id);
            String[] rel = n.get("relation").asText().split("\\.");
            out.add(new String[] {n.get("materialized").asText(), "\"" + rel[0] + "\".\"" + rel[1] + "\"",
                    n.get("compiled_sql").asText()});
        }
        return out;
    }

    private static void must(int code) {
        if (code != 0) throw new IllegalStateException("segflow exited " + code);
    }
}
