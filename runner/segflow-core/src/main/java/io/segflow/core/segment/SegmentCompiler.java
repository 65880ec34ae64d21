package io.segflow.core.segment;

import io.segflow.core.compile.CompiledSeed;
import io.segflow.core.compile.LineageGraph;
import io.segflow.core.compile.Parallel;
import io.segflow.core.compile.ValidatedNode;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.graph.GraphNode;
import io.segflow.core.graph.NodeKind;
import io.segflow.core.graph.TestType;
import io.segflow.core.project.Project;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.project.TestSpec;
import io.segflow.core.sql.ColumnOrigin;
import io.segflow.core.sql.SqlCatalog;
import io.segflow.core.sql.SqlValidation;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles the segment definitions of a project after its features: finds each definition's
 * {@link SegmentType}, checks the common keys, lets the type plan the membership query, validates that
 * query against the catalog (contract columns, no personal data in any output column by lineage) once; each
 * dialect's SQL is emitted from the result ({@link ValidatedSegment#emit}).
 */
public final class SegmentCompiler {
    /** Keys every segment definition may have, whatever its type. */
    public static final Set<String> COMMON_KEYS = Set.of("name", "type", "description", "tags", "enabled",
            "entity_key", "min_size", "tests", "export", "guards");
    static final List<String> CONTRACT = List.of("entity_id", "segment", "score", "explanation");

    private final Project project;
    private final SqlCatalog catalog;
    private final Map<String, ValidatedNode> nodes;
    private final Map<String, CompiledSeed> seeds;
    private final Map<String, Object> cliVars;
    private final LineageGraph lineage;
    /** Segmentations planned in the second wave, and what they saw of the first (see {@link #segmentationsRead}). */
    private final Set<String> secondWave = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Map<String, PublishedSegmentation> read = Map.of();

    public SegmentCompiler(Project project, SqlCatalog catalog, Map<String, ValidatedNode> nodes,
                           Map<String, CompiledSeed> seeds, Map<String, Object> cliVars, LineageGraph lineage) {
        this.project = project;
        this.cliVars = cliVars;
        this.catalog = catalog;
        this.nodes = nodes;
        this.seeds = seeds;
        this.lineage = lineage;
    }

    /** Validates every enabled segmentation; problems go to {@code diags}. */
    public Map<String, ValidatedSegment> validateAll(Diagnostics diags) {
        try (Parallel parallel = new Parallel(1)) {
            return validateAll(diags, SegmentReuse.NONE, parallel);
        }
    }

    /**
     * Like {@link #validateAll(Diagnostics)}, on {@code parallel}'s threads (problems are reported in definition
     * order all the same); a segmentation {@code reuse} answers (the compile cache, when nothing it read changed) is
     * neither planned nor validated again. Types that read other segmentations (audience sets) are planned once
     * those are known, in a second wave; {@link #segmentationsRead} then says what they saw of them.
     */
    public Map<String, ValidatedSegment> validateAll(Diagnostics diags, SegmentReuse reuse, Parallel parallel) {
        PiiLineage pii = new PiiLineage(project, nodes, lineage);
        SegmentContext shared = new SegmentContext(project, catalog, nodes, seeds, pii, diags, cliVars);
        // only the types the project uses are loaded (the ML types pull in Tribuo)
        Map<String, Optional<SegmentType>> types = new java.util.concurrent.ConcurrentHashMap<>();
        List<SegmentSpec> specs = project.segments().stream()
                .filter(spec -> !Boolean.FALSE.equals(spec.body().get("enabled"))).toList();
        List<SegmentSpec> first = new ArrayList<>();
        List<SegmentSpec> second = new ArrayList<>();
        for (SegmentSpec spec : specs) {
            boolean reads = reuse.readsSegmentations(spec).orElseGet(() -> readsSegmentations(spec, types));
            (reads ? second : first).add(spec);
        }
        Map<String, ValidatedSegment> done = validateWave(first, diags, reuse, Map.of(), parallel, types, shared, pii);
        if (!second.isEmpty()) {
            Map<String, PublishedSegmentation> published = new LinkedHashMap<>();
            for (ValidatedSegment v : done.values()) {
                PublishedSegmentation p = published(v);
                catalog.add(p.members(), p.columns());
                published.put(v.spec().name(), p);
            }
            read = Map.copyOf(published);
            for (SegmentSpec spec : second) secondWave.add(spec.uniqueId());
            done.putAll(validateWave(second, diags, reuse, read, parallel, types, shared.withSegmentations(published), pii));
        }
        Map<String, ValidatedSegment> out = new LinkedHashMap<>();
        for (SegmentSpec spec : specs) {
            if (done.containsKey(spec.uniqueId())) out.put(spec.uniqueId(), done.get(spec.uniqueId()));
        }
        return out;
    }

    /** What the segmentation {@code id} saw of the others (empty unless it reads them), after {@link #validateAll}. */
    public Map<String, PublishedSegmentation> segmentationsRead(String id) {
        return secondWave.contains(id) ? read : Map.of();
    }

    /** Whether the segmentation {@code id} was planned after the others, reading them. */
    public boolean readsSegmentations(String id) {
        return secondWave.contains(id);
    }

    private Map<String, ValidatedSegment> validateWave(List<SegmentSpec> specs, Diagnostics diags, SegmentReuse reuse,
                                                       Map<String, PublishedSegmentation> segmentationsRead,
                                                       Parallel parallel, Map<String, Optional<SegmentType>> types,
                                                       SegmentContext shared, PiiLineage pii) {
        record Outcome(ValidatedSegment segment, Diagnostics diags) {
        }
        List<Outcome> outcomes = parallel.map(specs, spec -> {
            Diagnostics own = new Diagnostics();
            Optional<ValidatedSegment> known = reuse.reuse(spec, () -> replan(spec, types, shared, pii), segmentationsRead);
            ValidatedSegment v = known.isPresent() ? known.get()
                    : validate(spec, types, shared.withDiagnostics(own), pii, own);
            return new Outcome(v, own);
        });
        Map<String, ValidatedSegment> out = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            diags.addAll(outcomes.get(i).diags().all());
            if (outcomes.get(i).segment() != null) out.put(specs.get(i).uniqueId(), outcomes.get(i).segment());
        }
        return out;
    }

    /** The run-time step of {@code spec}, planned again (for a segmentation the compile cache answered). */
    private RuntimeStep replan(SegmentSpec spec, Map<String, Optional<SegmentType>> types, SegmentContext shared,
                               PiiLineage pii) {
        Diagnostics own = new Diagnostics();
        ValidatedSegment v = validate(spec, types, shared.withDiagnostics(own), pii, own);
        own.throwIfErrors();
        if (v == null || v.plan().runtime() == null) {
            throw new IllegalStateException("segment '" + spec.name() + "' no longer plans a run-time step");
        }
        return v.plan().runtime();
    }

    /** A run-time step that plans {@code replan} on first use (see {@link ReplannedStep}). */
    public static RuntimeStep replanned(Supplier<RuntimeStep> replan) {
        return new ReplannedStep(replan);
    }

    private static boolean readsSegmentations(SegmentSpec spec, Map<String, Optional<SegmentType>> types) {
        return types.computeIfAbsent(spec.type(), SegmentTypes::find).map(SegmentType::readsSegmentations).orElse(false);
    }

    /** The members table of a validated segmentation, typed as {@link io.segflow.core.segment.store.MembershipSql} creates it. */
    private PublishedSegmentation published(ValidatedSegment v) {
        String keyType = "VARCHAR";
        if (v.membership() != null) {
            keyType = v.membership().columns().get(0).type();
        } else if (v.plan().population() != null) {
            keyType = catalog.columns(v.plan().population()).orElse(List.of()).stream()
                    .filter(c -> c.name().equalsIgnoreCase(v.plan().populationKey())).map(ColumnDef::type)
                    .findFirst().orElse(keyType);
        }
        List<ColumnDef> columns = List.of(ColumnDef.of("entity_id", keyType), ColumnDef.of("segment", "VARCHAR"),
                ColumnDef.of("score", "DOUBLE"), ColumnDef.of("explanation", "VARCHAR"), ColumnDef.of("run_id", "VARCHAR"),
                ColumnDef.of("updated_at", "TIMESTAMP"));
        RelationName members = new io.segflow.core.segment.store.MembershipTables(
                io.segflow.core.segment.store.MembershipTables.DEFAULT_SCHEMA, v.spec().name()).members();
        return new PublishedSegmentation(v.id(), v.spec().name(), members, columns, v.plan().segmentNames(),
                v.plan().multiMembership());
    }

    private ValidatedSegment validate(SegmentSpec spec, Map<String, Optional<SegmentType>> types, SegmentContext ctx,
                                      PiiLineage pii, Diagnostics diags) {
        SegmentType type = types.computeIfAbsent(spec.type(), SegmentTypes::find).orElse(null);
        if (type == null) {
            diags.error(ErrorCode.SEGMENT, spec.positionOf("type"), "segment type '" + spec.type()
                            + "' is not available in this build",
                    "types available: " + String.join(", ", SegmentTypes.available().keySet())
                            + " (cluster, propensity and ltv come with the segflow-ml module)");
            return null;
        }
        Set<String> allowed = new HashSet<>(COMMON_KEYS);
        allowed.addAll(type.keys());
        long before = errors(diags);
        ctx.checkKeys(spec, "", spec.body(), allowed);
        SegmentPlan plan = type.plan(spec, ctx);
        if (plan == null || errors(diags) > before) {
            ctx.validateDeferred();
            return null;
        }
        if (!ctx.hasDeferred()) return validate(spec, plan, pii, diags);
        // a validated membership query proves the expressions it embeds; otherwise they are validated on their own
        // first, and only if they hold are the query's problems reported (as when they were validated while planning)
        Diagnostics later = new Diagnostics();
        ValidatedSegment v = validate(spec, plan, pii, later);
        if ((v == null || v.membership() == null) && !ctx.validateDeferred()) return null;
        diags.addAll(later.all());
        return v;
    }

    private ValidatedSegment validate(SegmentSpec spec, SegmentPlan plan, PiiLineage pii, Diagnostics diags) {
        if (!readsNoEphemeral(spec, plan, diags)) return null;
        ValidatedSql membership = null;
        ValidatedSql profile = null;
        SqlValidation validation = new SqlValidation(catalog);
        try {
            if (plan.membershipSql() != null) {
                membership = plan.membershipWrapsInner()
                        ? validation.validateWrapped(plan.membershipSql(), plan.trees().membership(), spec.position(),
                                SegmentCompiler::wrappedMembershipColumns)
                        : validation.validateQuery(plan.membershipSql(), spec.position());
                if (!checkContract(spec, membership, diags) || !checkPrivacy(spec, membership, pii, diags)) return null;
            }
            if (plan.profileColumns() != null) {
                profile = validation.typedByGenerator(plan.profileSql(), plan.trees().profile(), plan.profileColumns(),
                        Set.of(plan.population()));
                if (!checkPrivacy(spec, profile, pii, diags)) return null;
            } else if (plan.profileSql() != null) {
                profile = validation.validateQuery(plan.profileSql(), spec.position());
                if (!checkPrivacy(spec, profile, pii, diags)) return null;
            }
        } catch (DiagnosticException e) {
            diags.addAll(e.diagnostics());
            return null;
        }
        return new ValidatedSegment(spec, plan, membership, profile, tests(spec));
    }

    /**
     * A segmentation reads its input relation directly at run time (guards, population counts, tests, reports and
     * the model types' run-time steps), so it cannot read an ephemeral feature, which is never built.
     */
    private boolean readsNoEphemeral(SegmentSpec spec, SegmentPlan plan, Diagnostics diags) {
        for (String dep : new TreeSet<>(plan.dependsOn())) {
            ValidatedNode n = nodes.get(dep);
            if (n == null || !"ephemeral".equals(n.config().materialized())) continue;
            diags.error(ErrorCode.UNSUPPORTED_FEATURE, spec.positionOf("from"), "segment '" + spec.name()
                            + "' reads ephemeral model '" + n.name() + "', which is never built",
                    "materialize '" + n.name() + "' as a view (config: {materialized: view}) or segment a model that reads it");
            return false;
        }
        return true;
    }

    /**
     * The membership row type of a plan that {@link SegmentPlan#membershipWrapsInner wraps an inner select}: the
     * inner "entity_id" and "score", and the group name and explanation as nullable VARCHARs (literals mapped by a
     * CASE without ELSE). {@code RulesMembershipRowTypeTest} holds it equal to validating the whole query.
     */
    static List<ColumnDef> wrappedMembershipColumns(List<ColumnDef> inner) {
        ColumnDef id = null;
        ColumnDef score = null;
        for (ColumnDef c : inner) {
            if (c.name().equalsIgnoreCase("entity_id")) id = c;
            else if (c.name().equalsIgnoreCase("score")) score = c;
        }
        if (id == null || score == null) return inner; // not the contract: checkContract reports it
        return List.of(new ColumnDef("entity_id", id.type(), id.nullable()), new ColumnDef("segment", "VARCHAR", true),
                new ColumnDef("score", score.type(), score.nullable()), new ColumnDef("explanation", "VARCHAR", true));
    }

    /** A segmentation validated in an earlier compile, rebuilt from what the compile cache kept. */
    public static ValidatedSegment known(SegmentSpec spec, SegmentPlan plan, ValidatedSql membership, ValidatedSql profile) {
        return new ValidatedSegment(spec, plan, membership, profile, tests(spec));
    }

    private static boolean checkContract(SegmentSpec spec, ValidatedSql v, Diagnostics diags) {
        List<String> names = v.columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        if (names.equals(CONTRACT)) return true;
        diags.error(ErrorCode.SEGMENT, spec.position(), "the membership query of segment '" + spec.name()
                + "' returns " + names + " instead of " + CONTRACT, "this is a bug in segment type '" + spec.type() + "'");
        return false;
    }

    private static boolean checkPrivacy(SegmentSpec spec, ValidatedSql v, PiiLineage pii, Diagnostics diags) {
        if (!pii.any()) return true;
        boolean ok = true;
        for (ColumnDef c : v.columns()) {
            Set<String> leaks = new TreeSet<>();
            for (ColumnOrigin o : v.lineage().getOrDefault(c.name(), Set.of())) leaks.addAll(pii.piiOrigins(o));
            if (leaks.isEmpty()) continue;
            ok = false;
            diags.error(ErrorCode.PRIVACY, spec.position(), "personal data flows into column '" + c.name()
                            + "' of segment '" + spec.name() + "': " + String.join(", ", leaks),
                    "columns tagged pii: true may not reach segment outputs; key segments by a non-personal id");
        }
        return ok;
    }

    private static List<SegmentTest> tests(SegmentSpec spec) {
        List<SegmentTest> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (TestSpec t : spec.tests()) {
            String base = "test." + spec.name() + "_" + t.kind();
            String id = base;
            for (int i = 2; !ids.add(id); i++) id = base + "_" + i;
            out.add(new SegmentTest(id, spec.name(), t.kind(), t.args(), t.severity(), t.position()));
        }
        return out;
    }

    /** DAG nodes for compiled segments and their tests. */
    public static List<GraphNode> graphNodes(Map<String, ValidatedSegment> segments) {
        List<GraphNode> out = new ArrayList<>();
        for (ValidatedSegment s : segments.values()) {
            Set<String> tags = new LinkedHashSet<>();
            Object raw = s.spec().body().get("tags");
            if (raw instanceof List<?> l) l.forEach(x -> tags.add(String.valueOf(x)));
            else if (raw != null) tags.add(String.valueOf(raw));
            out.add(new GraphNode(s.id(), s.spec().name(), NodeKind.SEGMENT, s.spec().file(), tags, s.plan().dependsOn(),
                    s.spec().position()));
            for (SegmentTest t : s.tests()) {
                TestType type = t.kind().equals("expected_members") ? TestType.UNIT : TestType.DATA;
                out.add(new GraphNode(t.id(), t.id().substring("test.".length()), NodeKind.TEST, s.spec().file(),
                        Set.of(), Set.of(s.id()), t.position(), Map.of(), type));
            }
        }
        return out;
    }

    private static long errors(Diagnostics diags) {
        return diags.all().stream().filter(d -> d.severity() == io.segflow.core.diagnostic.Severity.ERROR).count();
    }

    static String sha256(String text) {
        return io.segflow.core.compile.ProjectCompiler.checksum(text);
    }
}
