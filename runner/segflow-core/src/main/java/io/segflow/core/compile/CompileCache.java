package io.segflow.core.compile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.core.render.RenderInputs;
import io.segflow.core.render.SourceRef;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.SegmentPlan;
import io.segflow.core.segment.ValidatedSegment;
import io.segflow.core.sql.ColumnOrigin;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The compile cache under {@code target/compile-cache/}: per feature, what its last compile produced (render
 * summary, row type, fingerprint, SQL per dialect), filed under the keys that decide whether it still holds (see
 * {@link NodeKeys}) and its direct column lineage. An entry is reused only when its render inputs and every upstream relation and row type are
 * unchanged and it holds SQL for every dialect asked for; anything else recompiles that node. A missing, stale
 * or unreadable cache file is an empty cache. Segmentations are kept the same way,
 * keyed by their definition, the project's vars and config, the pii tags, and the relations and row types they read;
 * data tests by their query text and the relations and row types it reads.
 */
public final class CompileCache {
    /** No cache: every node is compiled. */
    public static final CompileCache NONE = new CompileCache(null, Set.of(), Map.of(), Map.of(), Map.of(), Map.of());

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String FILE = "features.json";

    /** What one feature compiled to, filed under its keys. */
    public record Entry(String id, String localKey, String upstreamKey, Map<String, Object> overrides,
                        List<String> refs, List<SourceRef> sources, RenderInputs inputs, String renderedSql,
                        String incrementalSql, List<ColumnDef> columns, String checksum, String fingerprint,
                        Map<String, List<String>> compiled, Map<String, List<ColumnOrigin>> lineage) {
    }

    /**
     * What one segmentation compiled to; {@code compiled}: [membership or "", profile or ""]. A {@code runtime} one
     * (a model segment) has no membership query before its run-time step, which is planned again when used.
     */
    public record SegmentEntry(String id, String localKey, String upstreamKey, Set<String> dependsOn,
                               List<RelationName> relations, RelationName population, String populationKey,
                               String membershipSql, List<ColumnDef> membershipColumns, String profileSql,
                               List<ColumnDef> profileColumns, List<String> segmentNames, boolean multiMembership,
                               String definition, Map<String, List<String>> compiled, boolean runtime,
                               boolean readsSegmentations) {
    }

    /** What one data test compiled to: its query's row type, canonical text and SQL per dialect key. */
    public record TestEntry(String id, String localKey, String upstreamKey, List<RelationName> relations,
                            List<ColumnDef> columns, String canonical, Map<String, String> compiled) {
    }

    /** What a segmentation or a data test is filed under: see {@link NodeKeys#segmentLocal} and {@link NodeKeys#segmentUpstream}. */
    public record SegmentKeys(String localKey, String upstreamKey, List<RelationName> relations,
                              boolean readsSegmentations) {
        public SegmentKeys(String localKey, String upstreamKey, List<RelationName> relations) {
            this(localKey, upstreamKey, relations, false);
        }
    }

    /** {@code quietImports}: see {@link io.segflow.core.render.TemplateRenderer#quietImportsFound}. */
    private record Contents(String version, Map<String, Entry> features, Map<String, SegmentEntry> segments,
                            Map<String, TestEntry> tests, Map<String, Boolean> quietImports) {
    }

    private final Path dir;
    private final Set<String> dialectKeys;
    private final Map<String, Entry> entries;
    private final Map<String, SegmentEntry> segments;
    private final Map<String, TestEntry> tests;
    private final Map<String, Boolean> quietImports;
    private final Map<String, Boolean> quietImportsFound = new java.util.concurrent.ConcurrentHashMap<>();

    private CompileCache(Path dir, Set<String> dialectKeys, Map<String, Entry> entries,
                         Map<String, SegmentEntry> segments, Map<String, TestEntry> tests, Map<String, Boolean> quietImports) {
        this.dir = dir;
        this.dialectKeys = Set.copyOf(dialectKeys);
        this.entries = entries;
        this.segments = segments;
        this.tests = tests;
        this.quietImports = quietImports;
    }

    /** What earlier compiles found of rendering macro import prefixes alone. */
    public Map<String, Boolean> quietImports() {
        return quietImports;
    }

    /** Files what this compile's renderers found of import prefixes (only those: the others may be stale). */
    public void foundQuietImports(Map<String, Boolean> found) {
        if (dir != null) quietImportsFound.putAll(found);
    }

    /** The cache under {@code targetDir}, answering for the given dialects. */
    public static CompileCache open(Path targetDir, Set<String> dialectKeys) {
        Path dir = targetDir.resolve("compile-cache");
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, SegmentEntry> segments = new LinkedHashMap<>();
        Map<String, TestEntry> tests = new LinkedHashMap<>();
        Map<String, Boolean> quietImports = new LinkedHashMap<>();
        Path file = dir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try {
                Contents c = JSON.readValue(file.toFile(), Contents.class);
                if (ArtifactWriter.VERSION.equals(c.version()) && c.features() != null) entries.putAll(c.features());
                if (ArtifactWriter.VERSION.equals(c.version()) && c.segments() != null) segments.putAll(c.segments());
                if (ArtifactWriter.VERSION.equals(c.version()) && c.tests() != null) tests.putAll(c.tests());
                if (ArtifactWriter.VERSION.equals(c.version()) && c.quietImports() != null) quietImports.putAll(c.quietImports());
            } catch (IOException | RuntimeException e) {
                entries.clear(); // an unreadable cache is an empty one
                segments.clear();
                tests.clear();
                quietImports.clear();
            }
        }
        return new CompileCache(dir, dialectKeys, entries, segments, tests, quietImports);
    }

    /** The entry of node {@code id} if {@code stillValid} holds for it. */
    Optional<Entry> candidate(String id, Predicate<Entry> stillValid) {
        Entry e = entries.get(id);
        return e != null && stillValid.test(e) ? Optional.of(e) : Optional.empty();
    }

    /** The segment entry of {@code id} if {@code stillValid} holds for it and it has SQL for every dialect asked for. */
    Optional<SegmentEntry> segment(String id, Predicate<SegmentEntry> stillValid) {
        SegmentEntry e = segments.get(id);
        return e != null && covers(e.compiled()) && stillValid.test(e) ? Optional.of(e) : Optional.empty();
    }

    /** The test entry of {@code id} if {@code stillValid} holds for it and it has SQL for every dialect asked for. */
    Optional<TestEntry> test(String id, Predicate<TestEntry> stillValid) {
        TestEntry e = tests.get(id);
        return e != null && e.compiled() != null && e.compiled().keySet().containsAll(dialectKeys) && stillValid.test(e)
                ? Optional.of(e) : Optional.empty();
    }

    /** True when the entry holds SQL for every dialect this compile emits. */
    boolean covers(Entry e) {
        return covers(e.compiled());
    }

    private boolean covers(Map<String, List<String>> compiled) {
        return compiled != null && compiled.keySet().containsAll(dialectKeys);
    }

    /**
     * A node's direct column lineage, kept so that a recompile from the cache writes the manifest without converting
     * any query to relational algebra (computed here for nodes compiled this time; the manifest needs it anyway).
     */
    private static Map<String, List<ColumnOrigin>> lineageOf(ValidatedNode n) {
        Map<String, List<ColumnOrigin>> out = new LinkedHashMap<>();
        n.query().lineage().forEach((column, origins) -> out.put(column, List.copyOf(origins)));
        return out;
    }

    /** Files what {@code vp} compiled to for the given targets, replacing the previous contents. */
    public void store(ValidatedProject vp, Map<EmitTarget, CompiledProject> compiled) {
        if (dir == null) return;
        Map<String, Entry> out = new TreeMap<>();
        for (ValidatedNode n : vp.nodes().values()) {
            Map<String, List<String>> sql = new TreeMap<>();
            Entry old = entries.get(n.id());
            if (old != null && old.compiled() != null && old.localKey().equals(n.localKey())
                    && old.upstreamKey().equals(n.upstreamKey())) {
                sql.putAll(old.compiled());
            }
            compiled.forEach((t, cp) -> {
                CompiledNode c = cp.nodes().get(n.id());
                List<String> texts = new ArrayList<>();
                texts.add(c.compiledSql());
                if (c.compiledIncrementalSql() != null) texts.add(c.compiledIncrementalSql());
                sql.put(t.dialectKey(), texts);
            });
            RenderSummary r = n.summary();
            out.put(n.id(), new Entry(n.id(), n.localKey(), n.upstreamKey(), r.overrides(), r.refs(), r.sources(),
                    r.inputs(), n.renderedSql(),
                    n.incremental() == null ? null : n.incremental().renderedSql(), n.columns(), n.checksum(),
                    n.fingerprint(), sql, lineageOf(n)));
        }
        Map<String, SegmentEntry> segmentsOut = new TreeMap<>();
        for (ValidatedSegment s : vp.segments().values()) {
            SegmentKeys keys = vp.segmentKeys().get(s.id());
            if (keys == null) continue;
            Map<String, List<String>> sql = new TreeMap<>();
            SegmentEntry old = segments.get(s.id());
            if (old != null && old.localKey().equals(keys.localKey()) && old.upstreamKey().equals(keys.upstreamKey())) {
                sql.putAll(old.compiled());
            }
            compiled.forEach((t, cp) -> {
                CompiledSegment c = cp.segments().get(s.id());
                sql.put(t.dialectKey(), List.of(c.compiledSql() == null ? "" : c.compiledSql(),
                        c.compiledProfileSql() == null ? "" : c.compiledProfileSql()));
            });
            SegmentPlan p = s.plan();
            segmentsOut.put(s.id(), new SegmentEntry(s.id(), keys.localKey(), keys.upstreamKey(), p.dependsOn(),
                    keys.relations(), p.population(), p.populationKey(), p.membershipSql(),
                    s.membership() == null ? List.of() : s.membership().columns(),
                    p.profileSql(), s.profile() == null ? List.of() : s.profile().columns(), p.segmentNames(),
                    p.multiMembership(), p.definition(), sql, p.runtime() != null, keys.readsSegmentations()));
        }
        Map<String, TestEntry> testsOut = new TreeMap<>();
        for (ValidatedTest t : vp.tests().values()) {
            SegmentKeys keys = vp.testKeys().get(t.id());
            if (keys == null) continue;
            Map<String, String> sql = new TreeMap<>();
            TestEntry old = tests.get(t.id());
            if (old != null && old.localKey().equals(keys.localKey()) && old.upstreamKey().equals(keys.upstreamKey())) {
                sql.putAll(old.compiled());
            }
            compiled.forEach((target, cp) -> sql.put(target.dialectKey(), cp.tests().get(t.id()).compiledSql()));
            testsOut.put(t.id(), new TestEntry(t.id(), keys.localKey(), keys.upstreamKey(), keys.relations(),
                    t.query().columns(), t.canonical(), sql));
        }
        Map<String, Boolean> quietOut = new TreeMap<>(quietImportsFound);
        if (out.equals(entries) && segmentsOut.equals(segments) && testsOut.equals(tests)
                && quietOut.equals(quietImports)) {
            return; // nothing new
        }
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), new Contents(ArtifactWriter.VERSION, out, segmentsOut, testsOut, quietOut));
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the compile cache in " + dir + ": " + e.getMessage(), e);
        }
    }
}
