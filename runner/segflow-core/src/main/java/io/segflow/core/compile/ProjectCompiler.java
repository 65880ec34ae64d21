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
import io.segflow.core.seed.SeedTable;
import io.segflow.core.project.SourceTable;
import io.segflow.core.render.RenderRequest;
import io.segflow.core.render.RenderedSql;
import io.segflow.core.render.SourceRef;
import io.segflow.core.render.TemplateRenderer;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.SegmentCompiler;
import io.segflow.core.sql.DialectCompiler;
import io.segflow.core.sql.SqlCatalog;
import io.segflow.core.sql.SqlValidation;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.core.test.DataTestCompiler;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pure compile: render every feature, build the DAG, validate each statement with Calcite in DAG order
 * (upstream row types feed downstream validation), compile to the target dialect and compile the data
 * tests. Reports every problem of every feature in one {@link DiagnosticException}.
 */
public final class ProjectCompiler {
    private final Project project;
    private final CompileOptions options;

    public ProjectCompiler(Project project, CompileOptions options) {
        this.project = project;
        this.options = options;
    }

    public CompiledProject compile() {
        Diagnostics diags = new Diagnostics();
        Map<String, Feature> features = new LinkedHashMap<>();
        Map<String, FeatureConfig> configs = new LinkedHashMap<>();
        for (Feature f : project.features()) {
            if (f.config().enabled()) {
                features.put(f.name(), f);
                configs.put(f.name(), f.config());
            }
        }

        // First pass: collect config() overrides, which may move a feature (schema/alias) or disable it.
        TemplateRenderer parseRenderer = renderer(configs);
        Map<String, RenderedSql> parsed = new LinkedHashMap<>();
        for (Feature f : features.values()) {
            try {
                RenderedSql r = parseRenderer.render(request(f, configs.get(f.name()), false));
                List<Diagnostic> problems = new ArrayList<>();
                configs.put(f.name(), ConfigOverrides.apply(configs.get(f.name()), r.config(),
                        SourcePosition.of(f.path()).at(1, 1), problems));
                problems.forEach(diags::add);
                parsed.put(f.name(), r);
            } catch (DiagnosticException e) {
                diags.addAll(e.diagnostics());
            }
        }
        configs.entrySet().removeIf(e -> !e.getValue().enabled());
        features.keySet().retainAll(configs.keySet());

        FeatureRelations relations = new FeatureRelations(project, configs);
        TemplateRenderer renderer = renderer(configs);
        SqlCatalog catalog = new SqlCatalog();
        Map<RelationName, List<ColumnDef>> sourceColumns = new LinkedHashMap<>();
        Map<RelationName, String> sourceIds = new LinkedHashMap<>();
        List<GraphNode> graph = new ArrayList<>();
        for (SourceTable s : project.sources()) {
            RelationName rel = FeatureRelations.relationOf(s);
            sourceIds.put(rel, s.uniqueId());
            graph.add(new GraphNode(s.uniqueId(), s.source() + "." + s.table(), NodeKind.SOURCE, null, Set.of(),
                    Set.of(), s.position()));
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
        }

        Map<String, CompiledSeed> seeds = new LinkedHashMap<>();
        Set<String> failed = new HashSet<>();
        for (Seed s : project.seeds()) {
            try {
                CompiledSeed cs = new CompiledSeed(s.uniqueId(), s, FeatureRelations.relationOf(s),
                        SeedTable.infer(s, project.root()));
                catalog.add(cs.relation(), cs.columns());
                seeds.put(cs.id(), cs);
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
            RenderedSql r = parsed.get(f.name());
            if (r == null && failed.add(f.uniqueId())) continue; // already reported: no "unknown table" downstream
            Set<String> deps = new LinkedHashSet<>();
            r.refs().forEach(ref -> deps.add(relations.nodeIdOfRef(ref)));
            for (SourceRef s : r.sources()) deps.add("source." + s.source() + "." + s.table());
            FeatureConfig c = configs.get(f.name());
            Map<String, SourcePosition> refAt = new LinkedHashMap<>();
            r.refPositions().forEach((ref, at) -> refAt.put(relations.nodeIdOfRef(ref), at));
            graph.add(new GraphNode(f.uniqueId(), f.name(), NodeKind.FEATURE, f.path(), new HashSet<>(c.tags()),
                    deps, SourcePosition.of(f.path()).at(1, 1), refAt));
        }
        DataTestCompiler tests = new DataTestCompiler(project, renderer, relations, configs, options.dialect());
        graph.addAll(tests.graphNodes(diags));
        Dag dag = Dag.of(graph);

        Map<String, CompiledNode> compiled = new LinkedHashMap<>();
        for (GraphNode n : dag.topologicalOrder()) {
            if (n.kind() != NodeKind.FEATURE) continue;
            if (n.dependsOn().stream().anyMatch(failed::contains)) {
                failed.add(n.id());
                continue;
            }
            Feature f = features.get(n.name());
            try {
                CompiledNode node = compileFeature(f, configs.get(f.name()), n, renderer, catalog);
                catalog.add(node.relation(), node.columns());
                compiled.put(node.id(), node);
            } catch (DiagnosticException e) {
                diags.addAll(e.diagnostics());
                failed.add(n.id());
            }
        }
        Map<String, CompiledTest> compiledTests = diags.hasErrors() ? Map.of()
                : tests.compileAll(new SqlValidation(catalog), diags);
        Map<String, CompiledSegment> segments = diags.hasErrors() ? Map.of()
                : new SegmentCompiler(project, catalog, compiled, seeds, options.dialect(), options.cliVars())
                        .compileAll(diags);
        diags.throwIfErrors();
        if (!segments.isEmpty()) {
            graph.addAll(SegmentCompiler.graphNodes(segments));
            dag = Dag.of(graph);
        }
        return new CompiledProject(project, options, dag, compiled, seeds, compiledTests, sourceColumns, sourceIds, segments);
    }

    private CompiledNode compileFeature(Feature f, FeatureConfig config, GraphNode n, TemplateRenderer renderer,
                                        SqlCatalog catalog) {
        RenderedSql full = renderer.render(request(f, config, false));
        ValidatedSql validated = new SqlValidation(catalog).validate(full);
        String compiledSql = DialectCompiler.compile(validated, options.dialect());
        String incrementalSql = null;
        RelationName relation = FeatureRelations.relationOf(f, config);
        if ("incremental".equals(config.materialized())) {
            // Validate the incremental branch against the feature's own (full-refresh) row type.
            SqlCatalog withSelf = catalog.copy();
            withSelf.add(relation, validated.columns());
            RenderedSql inc = renderer.render(request(f, config, true));
            ValidatedSql vInc = new SqlValidation(withSelf).validate(inc);
            incrementalSql = DialectCompiler.compile(vInc, options.dialect());
        }
        return new CompiledNode(f.uniqueId(), f.name(), NodeKind.FEATURE, f.path(), relation, config,
                full.sql(), compiledSql, incrementalSql, validated.columns(), validated.lineage(), n.dependsOn(),
                checksum(full.sql() + "\n" + config));
    }

    private RenderRequest request(Feature f, FeatureConfig config, boolean incremental) {
        return new RenderRequest(f.path(), f.sql(), FeatureRelations.relationOf(f, config), incremental);
    }

    private TemplateRenderer renderer(Map<String, FeatureConfig> configs) {
        return new TemplateRenderer(project, options.targetName(), options.targetType(), options.cliVars(),
                new FeatureRelations(project, configs), options.env());
    }

    private static List<ColumnDef> declaredColumns(SourceTable s) {
        if (s.columns().stream().anyMatch(c -> c.type() == null)) return List.of();
        return s.columns().stream().map(c -> ColumnDef.of(c.name(), c.type())).toList();
    }

    static String checksum(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Looks up a feature's effective relation after compile (for callers holding only the project). */
    public static Optional<RelationName> relationOf(CompiledProject cp, String featureName) {
        return cp.nodeByName(featureName).map(CompiledNode::relation);
    }
}
