package io.segflow.core.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.RunResults;
import io.segflow.core.project.Feature;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.sql.ColumnOrigin;
import io.segflow.spi.ColumnDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes target/compiled/&lt;target&gt;/..., target/manifest.json and target/run_results.json, each through
 * {@link AtomicFile} so readers never see half a file. Nothing from profiles (credentials) is ever written.
 */
public final class ArtifactWriter {
    public static final String VERSION = "0.1.0";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path targetDir;

    public ArtifactWriter(Path targetDir) {
        this.targetDir = targetDir;
    }

    public Path compiledDir(String targetName) {
        return targetDir.resolve("compiled").resolve(targetName);
    }

    /** Writes each feature's and test's compiled SQL; returns the files written. */
    public List<Path> writeCompiled(CompiledProject cp) {
        return writeCompiled(cp, id -> true);
    }

    /** Writes the compiled SQL of the nodes whose id {@code include} accepts (compile --select). */
    public List<Path> writeCompiled(CompiledProject cp, java.util.function.Predicate<String> include) {
        Path base = compiledDir(cp.options().targetName());
        List<Path> written = new ArrayList<>();
        for (CompiledNode n : cp.nodes().values()) {
            if (!include.test(n.id())) continue;
            Path file = base.resolve(n.path().toString());
            writeText(file, n.compiledSql() + "\n");
            written.add(file);
            if (n.compiledIncrementalSql() != null) {
                Path inc = file.resolveSibling(n.name() + ".incremental.sql");
                writeText(inc, n.compiledIncrementalSql() + "\n");
                written.add(inc);
            }
        }
        for (CompiledTest t : cp.tests().values()) {
            if (!include.test(t.id())) continue;
            Path file = base.resolve("tests").resolve(t.name() + ".sql");
            writeText(file, t.compiledSql() + "\n");
            written.add(file);
        }
        for (CompiledSegment s : cp.segments().values()) {
            if (s.compiledSql() == null || !include.test(s.id())) continue;
            Path file = base.resolve("segments").resolve(s.name() + ".sql");
            writeText(file, s.compiledSql() + "\n");
            written.add(file);
        }
        return written;
    }

    public Path writeManifest(CompiledProject cp) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("segflow_version", VERSION);
        meta.put("generated_at", Instant.now().toString());
        meta.put("project", cp.project().config().name());
        meta.put("target", cp.options().targetName());
        meta.put("target_type", cp.options().targetType());
        root.put("metadata", meta);
        Map<String, Object> nodes = new TreeMap<>();
        for (CompiledNode n : cp.nodes().values()) nodes.put(n.id(), nodeJson(cp, n));
        root.put("nodes", nodes);
        Map<String, Object> sources = new TreeMap<>();
        cp.sources().forEach((rel, cols) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("relation", rel.toString());
            s.put("columns", columns(cols));
            ManifestDocs.describeSource(cp, cp.sourceIds().get(rel), s);
            sources.put(cp.sourceIds().get(rel), s);
        });
        root.put("sources", sources);
        Map<String, Object> seeds = new TreeMap<>();
        cp.seeds().forEach((id, s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", s.seed().path().toString().replace('\\', '/'));
            m.put("relation", s.relation().toString());
            m.put("columns", columns(s.columns()));
            ManifestDocs.describe(s.seed().description(), s.seed().columns(), m);
            seeds.put(id, m);
        });
        root.put("seeds", seeds);
        Map<String, Object> tests = new TreeMap<>();
        for (CompiledTest t : cp.tests().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", t.kind());
            m.put("attached_to", t.attachedTo());
            m.put("column", t.column());
            m.put("severity", t.severity());
            m.put("depends_on", new ArrayList<>(new java.util.TreeSet<>(t.dependsOn())));
            m.put("compiled_sql", t.compiledSql());
            tests.put(t.id(), m);
        }
        root.put("tests", tests);
        Map<String, Object> segments = new TreeMap<>();
        for (CompiledSegment s : cp.segments().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("type", s.type());
            m.put("path", s.spec().file() == null ? null : s.spec().file().toString().replace('\\', '/'));
            m.put("groups", s.plan().segmentNames());
            m.put("multi_membership", s.plan().multiMembership());
            m.put("depends_on", new ArrayList<>(new java.util.TreeSet<>(s.plan().dependsOn())));
            m.put("tests", s.tests().stream().map(t -> t.id()).toList());
            m.put("definition_hash", s.definitionHash());
            m.put("export", s.export());
            m.put("compiled_sql", s.compiledSql());
            ManifestDocs.describeSegment(s.spec(), m);
            segments.put(s.id(), m);
        }
        root.put("segments", segments);
        Map<String, Object> parents = new TreeMap<>();
        cp.dag().nodes().forEach(n -> parents.put(n.id(), new ArrayList<>(new java.util.TreeSet<>(cp.dag().parents(n.id())))));
        root.put("parent_map", parents);
        root.put("state", cp.state());
        return writeJson(targetDir.resolve("manifest.json"), root);
    }

    private Map<String, Object> nodeJson(CompiledProject cp, CompiledNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n.name());
        m.put("kind", n.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("path", n.path() == null ? null : n.path().toString().replace('\\', '/'));
        m.put("relation", n.relation().toString());
        m.put("materialized", n.config().materialized());
        m.put("unique_key", n.config().uniqueKey());
        m.put("entity_key", n.config().entityKey());
        m.put("tags", n.config().tags());
        m.put("description", cp.project().feature(n.name()).map(Feature::description).orElse(null));
        m.put("depends_on", new ArrayList<>(new java.util.TreeSet<>(n.dependsOn())));
        m.put("columns", columns(n.columns()));
        Map<String, Object> lineage = new LinkedHashMap<>();
        for (ColumnDef c : n.columns()) {
            List<String> origins = new ArrayList<>();
            for (ColumnOrigin o : cp.sourceLineage(n.id(), c.name())) origins.add(o.relation() + "." + o.column());
            origins.sort(String::compareTo);
            lineage.put(c.name(), origins);
        }
        m.put("source_lineage", lineage);
        m.put("checksum", n.checksum());
        m.put("fingerprint", n.fingerprint());
        m.put("compiled_sql", n.compiledSql());
        ManifestDocs.describeNode(cp, n, m);
        return m;
    }

    private static List<Map<String, Object>> columns(List<ColumnDef> cols) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ColumnDef c : cols) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("type", c.type());
            out.add(m);
        }
        return out;
    }

    public Path writeRunResults(RunResults results) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("segflow_version", VERSION);
        meta.put("run_id", results.runId());
        meta.put("command", results.command());
        meta.put("target", results.target());
        meta.put("started_at", results.startedAt().toString());
        meta.put("elapsed_seconds", results.elapsedSeconds());
        root.put("metadata", meta);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (NodeResult r : results.results()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unique_id", r.id());
            m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            m.put("materialization", r.materialization());
            m.put("relation", r.relation());
            m.put("rows", r.rows());
            m.put("execution_seconds", Math.round(r.seconds() * 1000) / 1000.0);
            m.put("message", r.message());
            rows.add(m);
        }
        root.put("results", rows);
        return writeJson(targetDir.resolve("run_results.json"), root);
    }


    private static Path writeJson(Path file, Object value) {
        try {
            return writeText(file, JSON.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Leaves a file that already holds {@code text} alone: a re-run rewrites only what changed. */
    private static Path writeText(Path file, String text) {
        return AtomicFile.writeIfChanged(file, text);
    }
}
