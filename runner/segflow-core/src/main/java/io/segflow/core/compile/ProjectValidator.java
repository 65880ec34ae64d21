package io.segflow.core.compile;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.graph.Dag;
import io.segflow.core.graph.GraphNode;
import io.segflow.core.graph.NodeKind;
import io.segflow.core.project.Feature;
import io.segflow.core.project.FeatureConfig;
import io.segflow.core.project.Project;
import io.segflow.core.project.Seed;
import io.segflow.core.project.SourceTable;
import io.segflow.core.render.RenderInputs;
import io.segflow.core.render.SourceRef;
import io.segflow.core.render.TemplateRenderer;
import io.segflow.core.seed.SeedTable;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.segment.RuntimeStep;
import io.segflow.core.segment.PublishedSegmentation;
import io.segflow.core.segment.SegmentCompiler;
import io.segflow.core.segment.SegmentReuse;
import io.segflow.core.segment.SegmentPlan;
import io.segflow.core.segment.ValidatedSegment;
import io.segflow.core.sql.SqlCatalog;
import io.segflow.core.sql.SqlValidation;
import io.segflow.core.test.DataTestCompiler;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Phase one of compile, dialect-neutral and pure: renders every feature once (again only where a
 * {@code config()} call moved a relation the first render used), parses each once, validates in DAG order level
 * by level on {@link CompileOptions#threads()} workers (upstream row types feed downstream validation), then
 * validates data tests and segments once. Nodes the {@link CompileCache} still answers are not rendered or
 * validated at all. Reports every problem of every feature in one {@link DiagnosticException}.
 */
public final class ProjectValidator {
    private final Project project;
    private final CompileOptions options;
    private final CompileCache cache;
    /** Every renderer of this validation: what they found of macro imports goes to the compile cache. */
    private final List<TemplateRenderer> renderers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** {@code cache} may be {@link CompileCache#NONE}. */
    public ProjectValidator(Project project, CompileOptions options, CompileCache cache) {
        this.project = project;
        this.options = options;
        this.cache = cache;
    }

    public ValidatedProject validate() {
        try (Parallel parallel = new Parallel(options.threads())) {
            return validate(parallel);
        }
    }

    private ValidatedProject validate(Parallel parallel) {
        Diagnostics diags = new Diagnostics();
        Map<String, Feature> features = new LinkedHashMap<>();
        Map<String, FeatureConfig> configs = new LinkedHashMap<>();
        for (Feature f : project.features()) {
            if (f.config().enabled()) {
                features.put(f.name(), f);
                configs.put(f.name(), f.config());
            }
        }
        TemplateRenderer firstRenderer = renderer(configs);
        NodeKeys keys = new NodeKeys(project, options, firstRenderer.vars(), firstRenderer.env());

        // First render (skipped for nodes the cache answers): collects config() overrides, which may move a
        // feature (schema/alias) or disable it.
        List<Feature> all = new ArrayList<>(features.values());
        Map<String, CompileCache.Entry> cached = new HashMap<>();
        for (Feature f : all) cache.candidate(f.uniqueId(), e -> keys.local(f, e.inputs()).equals(e.localKey()))
                .ifPresent(e -> cached.put(f.name(), e));
        Map<String, FeatureConfig> yaml = new LinkedHashMap<>(configs);
        List<FeatureRender> first = parallel.map(all, f -> cached.containsKey(f.name()) ? null
                : FeatureRender.of(firstRenderer, f, yaml.get(f.name()), false));
        Map<String, FeatureRender> renders = new LinkedHashMap<>();
        Map<String, List<String>> refs = new LinkedHashMap<>();
        Map<String, List<SourceRef>> sourceRefs = new LinkedHashMap<>();
        Map<String, Map<String, SourcePosition>> refPositions = new HashMap<>();
        Map<String, RenderSummary> summaries = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Feature f = all.get(i);
            CompileCache.Entry hit = cached.get(f.name());
            FeatureRender r = first.get(i);
            Map<String, Object> overrides;
            if (hit != null) {
                overrides = hit.overrides();
                refs.put(f.name(), hit.refs());
                sourceRefs.put(f.name(), hit.sources());
                summaries.put(f.name(), new RenderSummary(overrides, hit.refs(), hit.sources(), hit.inputs()));
            } else if (r.ok()) {
                overrides = r.rendered().config();
                refs.put(f.name(), r.rendered().refs());
                sourceRefs.put(f.name(), r.rendered().sources());
                refPositions.put(f.name(), r.rendered().refPositions());
                renders.put(f.name(), r);
                summaries.put(f.name(), new RenderSummary(overrides, r.rendered().refs(), r.rendered().sources(),
                        r.rendered().inputs()));
            } else {
                diags.addAll(r.renderProblems());
                continue;
            }
            List<Diagnostic> problems = new ArrayList<>();
            configs.put(f.name(), ConfigOverrides.apply(configs.get(f.name()), overrides,
                    SourcePosition.of(f.path()).at(1, 1), problems));
            problems.forEach(diags::add);
        }
        configs.entrySet().removeIf(e -> !e.getValue().enabled());
        features.keySet().retainAll(configs.keySet());

        FeatureRelations relations = new FeatureRelations(project, configs);
        TemplateRenderer renderer = renderer(configs);
        // A first render stays valid unless its own relation or a relation it refs moved (or was disabled).
        Set<String> moved = new HashSet<>();
        for (Feature f : all) {
            FeatureConfig now = configs.get(f.name());
            if (now == null || !FeatureRelations.relationOf(f, now).equals(FeatureRelations.relationOf(f, yaml.get(f.name())))) {
                moved.add(f.name());
            }
        }
        List<Feature> again = new ArrayList<>();
        for (Feature f : features.values()) {
            if (!refs.containsKey(f.name())) continue;
            if (moved.contains(f.name()) || refs.get(f.name()).stream().anyMatch(moved::contains)) {
                again.add(f);
                cached.remove(f.name());
            }
        }
        List<FeatureRender> rerendered = parallel.map(again, f -> FeatureRender.of(renderer, f, configs.get(f.name()), false));
        for (int i = 0; i < again.size(); i++) renders.put(again.get(i).name(), rerendered.get(i));
        List<Feature> incremental = features.values().stream().filter(f -> !cached.containsKey(f.name())
                && renders.containsKey(f.name()) && "incremental".equals(configs.get(f.name()).materialized())).toList();
        List<FeatureRender> incRenders = parallel.map(incremental, f -> FeatureRender.of(renderer, f, configs.get(f.name()), true));
        Map<String, FeatureRender> incByName = new HashMap<>();
        for (int i = 0; i < incremental.size(); i++) incByName.put(incremental.get(i).name(), incRenders.get(i));

        SqlCatalog catalog = new SqlCatalog();
        Map<RelationName, List<ColumnDef>> sourceColumns = new LinkedHashMap<>();
        Map<RelationName, String> sourceIds = new LinkedHashMap<>();
        Map<String, UpstreamRelation> upstream = new HashMap<>();
        List<GraphNode> graph = new ArrayList<>();
        for (SourceTable s : project.sources()) {
            RelationName rel = FeatureRelations.relationOf(s);
            sourceIds.put(rel, s.uniqueId());
            graph.add(new GraphNode(s.uniqueId(), s.source() + "." + s.table(), NodeKind.SOURCE, null,
                    new HashSet<>(s.tags()), new LinkedHashSet<>(s.upstream()), s.position()));
            List<ColumnDef> cols = declaredColumns(s);
            if (cols.isEmpty()) cols = options.sourceSchemas().apply(rel).orElse(List.of());
            if (cols.isEmpty()) {
                diags.error(ErrorCode.MISSING_KEY, s.position(),
                        "source " + s.source() + "." + s.table() + " has no column types",
                        "declare columns with types in sources.yml, or run `segflow catalog pull` to snapshot them");
                continue;
            }
            catalog.add(rel, cols);
            sourceColumns.put(rel, cols);
            upstream.put(s.uniqueId(), new UpstreamRelation(rel, cols));
        }

        Map<String, CompiledSeed> seeds = new LinkedHashMap<>();
        Set<String> failed = new HashSet<>();
        for (Seed s : project.seeds()) {
            try {
                CompiledSeed cs = new CompiledSeed(s.uniqueId(), s, FeatureRelations.relationOf(s),
                        SeedTable.infer(s, project.root()));
                catalog.add(cs.relation(), cs.columns());
                seeds.put(cs.id(), cs);
                upstream.put(cs.id(), new UpstreamRelation(cs.relation(), cs.columns()));
                graph.add(new GraphNode(s.uniqueId(), s.name(), NodeKind.SEED, s.path(), Set.of(), Set.of(),
                        s.position()));
            } catch (DiagnosticException e) {
                diags.addAll(e.diagnostics());
                failed.add(s.uniqueId());
            } catch (RuntimeException e) {
                String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                        : e.getMessage();
                diags.error(ErrorCode.INVALID_VALUE, SourcePosition.of(s.path()), "cannot read seed " + s.name()
                        + ": " + why, "fix the CSV file (RFC 4180: quote fields holding the delimiter, double inner quotes)");
                failed.add(s.uniqueId());
            }
        }

        for (Feature f : features.values()) {
            // a render that failed is already reported: its dependents are skipped, no "unknown table" downstream
            if (!refs.containsKey(f.name()) && failed.add(f.uniqueId())) continue;
            Set<String> deps = new LinkedHashSet<>();
            refs.get(f.name()).forEach(ref -> deps.add(relations.nodeIdOfRef(ref)));
            for (SourceRef s : sourceRefs.get(f.name())) deps.add("source." + s.source() + "." + s.table());
            FeatureConfig c = configs.get(f.name());
            Map<String, SourcePosition> refAt = new LinkedHashMap<>();
            refPositions.getOrDefault(f.name(), Map.of()).forEach((ref, at) -> refAt.put(relations.nodeIdOfRef(ref), at));
            graph.add(new GraphNode(f.uniqueId(), f.name(), NodeKind.FEATURE, f.path(), new HashSet<>(c.tags()),
                    deps, SourcePosition.of(f.path()).at(1, 1), refAt));
        }
        DataTestCompiler tests = new DataTestCompiler(project, renderer, relations, configs);
        graph.addAll(tests.graphNodes(diags));
        Dag dag = Dag.of(graph);

        FeatureValidation featureValidation = new FeatureValidation(catalog, keys, upstream, cache);
        Map<String, ValidatedNode> validated = new LinkedHashMap<>();
        Map<String, List<Diagnostic>> problems = new HashMap<>();
        for (List<GraphNode> level : levels(dag)) {
            List<GraphNode> todo = new ArrayList<>();
            for (GraphNode n : level) {
                if (n.dependsOn().stream().anyMatch(failed::contains)) failed.add(n.id());
                else todo.add(n);
            }
            List<Object> results = parallel.map(todo, n -> {
                Feature f = features.get(n.name());
                try {
                    return featureValidation.validate(f, configs.get(f.name()), n, cached.get(f.name()),
                            renders.get(f.name()), incByName.get(f.name()),
                            summaries.get(f.name()), renderer);
                } catch (DiagnosticException e) {
                    return e;
                }
            });
            for (int i = 0; i < todo.size(); i++) {
                GraphNode n = todo.get(i);
                if (results.get(i) instanceof ValidatedNode node) {
                    catalog.add(node.relation(), node.columns());
                    upstream.put(node.id(), new UpstreamRelation(node.relation(), node.columns()));
                    validated.put(node.id(), node);
                } else {
                    problems.put(n.id(), ((DiagnosticException) results.get(i)).diagnostics());
                    failed.add(n.id());
                }
            }
        }
        for (GraphNode n : dag.topologicalOrder()) {
            if (problems.containsKey(n.id())) diags.addAll(problems.get(n.id()));
        }
        Map<String, RelationName> relationsById = new LinkedHashMap<>();
        validated.forEach((id, n) -> relationsById.put(id, n.relation()));
        LineageGraph lineage = new LineageGraph(relationsById, id -> validated.get(id).query().lineage());

        Map<String, CompileCache.SegmentKeys> testKeys = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, ValidatedTest> compiledTests = diags.hasErrors() ? Map.of()
                : tests.validateAll(new SqlValidation(catalog), diags,
                        (id, sql) -> reusedTest(id, sql, keys, upstream, catalog, testKeys), parallel);
        for (ValidatedTest t : compiledTests.values()) {
            if (testKeys.containsKey(t.id())) continue;
            List<RelationName> read = t.query().relationsUsed().stream()
                    .sorted(java.util.Comparator.comparing(RelationName::toString)).toList();
            testKeys.put(t.id(), new CompileCache.SegmentKeys(keys.testLocal(t.query().renderedSql()),
                    keys.segmentUpstream(Set.of(), read, upstream, catalog), read));
        }
        Map<String, Map<String, List<String>>> segmentSql = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, CompileCache.SegmentKeys> segmentKeys = new java.util.concurrent.ConcurrentHashMap<>();
        SegmentCompiler segmentCompiler = new SegmentCompiler(project, catalog, validated, seeds, options.cliVars(), lineage);
        Map<String, ValidatedSegment> segments = diags.hasErrors() ? Map.of() : segmentCompiler.validateAll(diags,
                new CachedSegments(keys, upstream, catalog, lineage, segmentSql, segmentKeys), parallel);
        diags.throwIfErrors();
        // keys of the segmentations validated now (the cache answered the others), on the compile's threads
        List<ValidatedSegment> unkeyed = segments.values().stream().filter(s -> !segmentKeys.containsKey(s.id())).toList();
        List<CompileCache.SegmentKeys> computed = parallel.map(unkeyed, s -> {
            Set<RelationName> read = new LinkedHashSet<>();
            if (s.membership() != null) read.addAll(s.membership().relationsUsed());
            if (s.plan().population() != null) read.add(s.plan().population());
            if (s.profile() != null) read.addAll(s.profile().relationsUsed());
            List<RelationName> relationsRead = read.stream().sorted(java.util.Comparator.comparing(RelationName::toString)).toList();
            return new CompileCache.SegmentKeys(keys.segmentLocal(s.spec()),
                    keys.segmentUpstream(s.plan().dependsOn(), relationsRead, upstream, catalog,
                            segmentCompiler.segmentationsRead(s.id()), lineage), relationsRead,
                    segmentCompiler.readsSegmentations(s.id()));
        });
        for (int i = 0; i < unkeyed.size(); i++) segmentKeys.put(unkeyed.get(i).id(), computed.get(i));
        if (!segments.isEmpty()) {
            graph.addAll(SegmentCompiler.graphNodes(segments));
            dag = Dag.of(graph);
        }
        for (TemplateRenderer r : renderers) cache.foundQuietImports(r.quietImportsFound());
        return new ValidatedProject(project, options, dag, validated, seeds, compiledTests, sourceColumns, sourceIds,
                segments, segmentSql, segmentKeys, lineage, testKeys);
    }

    /** A data test the compile cache still answers: same query text, same relations and row types read. */
    private java.util.Optional<DataTestCompiler.Reused> reusedTest(String id, String sql, NodeKeys keys,
                                                                  Map<String, UpstreamRelation> upstream, SqlCatalog catalog,
                                                                  Map<String, CompileCache.SegmentKeys> testKeys) {
        // the relations a test's query names are all it reads: their row types decide, as for segments
        return cache.test(id, e -> e.localKey().equals(keys.testLocal(sql))
                && e.upstreamKey().equals(keys.segmentUpstream(Set.of(), e.relations(), upstream, catalog))).map(e -> {
                    testKeys.put(id, new CompileCache.SegmentKeys(e.localKey(), e.upstreamKey(), e.relations()));
                    return new DataTestCompiler.Reused(new SqlValidation(catalog).known(sql, e.columns(), Map.of()),
                            e.compiled(), e.canonical());
                });
    }

    /** A segmentation the compile cache still answers: same definition and inputs, same upstream row types. */
    /** Segmentations the compile cache answers: nothing they read changed (see {@link NodeKeys#segmentUpstream}). */
    private final class CachedSegments implements SegmentReuse {
        private final NodeKeys keys;
        private final Map<String, UpstreamRelation> upstream;
        private final SqlCatalog catalog;
        private final LineageGraph lineage;
        private final Map<String, Map<String, List<String>>> segmentSql;
        private final Map<String, CompileCache.SegmentKeys> segmentKeys;

        CachedSegments(NodeKeys keys, Map<String, UpstreamRelation> upstream, SqlCatalog catalog, LineageGraph lineage,
                       Map<String, Map<String, List<String>>> segmentSql, Map<String, CompileCache.SegmentKeys> segmentKeys) {
            this.keys = keys;
            this.upstream = upstream;
            this.catalog = catalog;
            this.lineage = lineage;
            this.segmentSql = segmentSql;
            this.segmentKeys = segmentKeys;
        }

        @Override
        public java.util.Optional<Boolean> readsSegmentations(SegmentSpec spec) {
            // the local key holds the type and the whole definition: an entry under it was planned in the same wave
            return cache.segment(spec.uniqueId(), e -> e.localKey().equals(keys.segmentLocal(spec)))
                    .map(CompileCache.SegmentEntry::readsSegmentations);
        }

        @Override
        public java.util.Optional<ValidatedSegment> reuse(SegmentSpec spec, java.util.function.Supplier<RuntimeStep> replan,
                                                         Map<String, PublishedSegmentation> segmentationsRead) {
            // keys are hashed only when the cache holds an entry to compare them with
            java.util.Optional<CompileCache.SegmentEntry> hit = cache.segment(spec.uniqueId(),
                    e -> e.localKey().equals(keys.segmentLocal(spec)) && e.upstreamKey().equals(
                            keys.segmentUpstream(e.dependsOn(), e.relations(), upstream, catalog, segmentationsRead,
                                    lineage)));
            if (hit.isEmpty()) return java.util.Optional.empty();
            CompileCache.SegmentEntry e = hit.get();
            // a model segment's step (trainer, sample and label queries) is planned again only if a run uses it
            SegmentPlan plan = new SegmentPlan(e.dependsOn(), e.population(), e.populationKey(), e.membershipSql(),
                    e.runtime() ? SegmentCompiler.replanned(replan) : null, e.segmentNames(), e.multiMembership(),
                    e.profileSql(), e.definition());
            SqlValidation validation = new SqlValidation(catalog);
            segmentSql.put(spec.uniqueId(), e.compiled());
            segmentKeys.put(spec.uniqueId(), new CompileCache.SegmentKeys(e.localKey(), e.upstreamKey(), e.relations(),
                    e.readsSegmentations()));
            return java.util.Optional.of(SegmentCompiler.known(spec, plan,
                    e.runtime() ? null : validation.known(e.membershipSql(), e.membershipColumns()),
                    e.profileSql() == null ? null : validation.known(e.profileSql(), e.profileColumns())));
        }
    }

    /** Features grouped by depth: every feature's upstream features are in earlier groups; topological order kept. */
    private static List<List<GraphNode>> levels(Dag dag) {
        Map<String, Integer> depth = new HashMap<>();
        List<List<GraphNode>> out = new ArrayList<>();
        for (GraphNode n : dag.topologicalOrder()) {
            if (n.kind() != NodeKind.FEATURE) continue;
            int d = 0;
            for (String dep : n.dependsOn()) d = Math.max(d, depth.getOrDefault(dep, -1) + 1);
            depth.put(n.id(), d);
            while (out.size() <= d) out.add(new ArrayList<>());
            out.get(d).add(n);
        }
        return out;
    }

    private TemplateRenderer renderer(Map<String, FeatureConfig> configs) {
        TemplateRenderer r = new TemplateRenderer(project, options.targetName(), options.targetType(), options.cliVars(),
                new FeatureRelations(project, configs), options.env()).withConnection(options.queryRunner())
                .withKnownQuietImports(cache.quietImports());
        renderers.add(r);
        return r;
    }

    private static List<ColumnDef> declaredColumns(SourceTable s) {
        if (s.columns().stream().anyMatch(c -> c.type() == null)) return List.of();
        return s.columns().stream().map(c -> ColumnDef.of(c.name(), c.type())).toList();
    }

    /** What a dependency looks like to a node that reads it: where it lives and its row type. */
    record UpstreamRelation(RelationName relation, List<ColumnDef> columns) {
    }

}
