package io.segflow.core.segment;

import io.segflow.core.compile.CompiledNode;
import io.segflow.core.compile.CompiledSeed;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.graph.GraphNode;
import io.segflow.core.graph.NodeKind;
import io.segflow.core.project.Project;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.project.TestSpec;
import io.segflow.core.sql.ColumnOrigin;
import io.segflow.core.sql.DialectCompiler;
import io.segflow.core.sql.SqlCatalog;
import io.segflow.core.sql.SqlValidation;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.spi.ColumnDef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlDialect;

/**
 * Compiles the segment definitions of a project after its features: finds each definition's
 * {@link SegmentType}, checks the common keys, lets the type plan the membership query, validates that
 * query against the catalog (contract columns, no personal data in any output column by lineage) and
 * compiles it to the target dialect.
 */
public final class SegmentCompiler {
    /** Keys every segment definition may have, whatever its type. */
    public static final Set<String> COMMON_KEYS = Set.of("name", "type", "description", "tags", "enabled",
            "entity_key", "min_size", "tests", "export");
    static final List<String> CONTRACT = List.of("entity_id", "segment", "score", "explanation");

    private final Project project;
    private final SqlCatalog catalog;
    private final Map<String, CompiledNode> nodes;
    private final Map<String, CompiledSeed> seeds;
    private final SqlDialect dialect;
    private final Map<String, Object> cliVars;

    public SegmentCompiler(Project project, SqlCatalog catalog, Map<String, CompiledNode> nodes,
                           Map<String, CompiledSeed> seeds, SqlDialect dialect, Map<String, Object> cliVars) {
        this.project = project;
        this.cliVars = cliVars;
        this.catalog = catalog;
        this.nodes = nodes;
        this.seeds = seeds;
        this.dialect = dialect;
    }

    /** Compiles every enabled segmentation; problems go to {@code diags}. */
    public Map<String, CompiledSegment> compileAll(Diagnostics diags) {
        PiiLineage pii = new PiiLineage(project, nodes);
        SegmentContext ctx = new SegmentContext(project, catalog, nodes, seeds, pii, diags, cliVars);
        Map<String, SegmentType> types = new HashMap<>();
        Map<String, CompiledSegment> out = new LinkedHashMap<>();
        for (SegmentSpec spec : project.segments()) {
            if (Boolean.FALSE.equals(spec.body().get("enabled"))) continue;
            SegmentType type = types.computeIfAbsent(spec.type(), t -> SegmentTypes.find(t).orElse(null));
            if (type == null) {
                diags.error(ErrorCode.SEGMENT, spec.positionOf("type"), "segment type '" + spec.type()
                                + "' is not available in this build",
                        "types available: " + String.join(", ", SegmentTypes.available().keySet())
                                + " (cluster, propensity and ltv come with the segflow-ml module)");
                continue;
            }
            Set<String> allowed = new HashSet<>(COMMON_KEYS);
            allowed.addAll(type.keys());
            long before = errors(diags);
            ctx.checkKeys(spec, "", spec.body(), allowed);
            SegmentPlan plan = type.plan(spec, ctx);
            if (plan == null || errors(diags) > before) continue;
            CompiledSegment c = compile(spec, plan, pii, diags);
            if (c != null) out.put(c.id(), c);
        }
        return out;
    }

    private CompiledSegment compile(SegmentSpec spec, SegmentPlan plan, PiiLineage pii, Diagnostics diags) {
        String compiled = null;
        String profile = null;
        try {
            if (plan.membershipSql() != null) {
                ValidatedSql v = new SqlValidation(catalog).validateQuery(plan.membershipSql(), spec.position());
                if (!checkContract(spec, v, diags) || !checkPrivacy(spec, v, pii, diags)) return null;
                compiled = DialectCompiler.compile(v, dialect);
            }
            if (plan.profileSql() != null) {
                ValidatedSql v = new SqlValidation(catalog).validateQuery(plan.profileSql(), spec.position());
                if (!checkPrivacy(spec, v, pii, diags)) return null;
                profile = DialectCompiler.compile(v, dialect);
            }
        } catch (DiagnosticException e) {
            diags.addAll(e.diagnostics());
            return null;
        }
        String hash = sha256(spec.type() + "\n" + plan.definition() + "\n" + (compiled == null ? "" : compiled));
        return new CompiledSegment(spec.uniqueId(), spec.name(), spec.type(), spec, plan, compiled, profile, hash,
                tests(spec));
    }

    private static boolean checkContract(SegmentSpec spec, ValidatedSql v, Diagnostics diags) {
        List<String> names = v.columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        if (names.equals(CONTRACT)) return true;
        diags.error(ErrorCode.SEGMENT, spec.position(), "the membership query of segment '" + spec.name()
                + "' returns " + names + " instead of " + CONTRACT, "this is a bug in segment type '" + spec.type() + "'");
        return false;
    }

    private static boolean checkPrivacy(SegmentSpec spec, ValidatedSql v, PiiLineage pii, Diagnostics diags) {
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
    public static List<GraphNode> graphNodes(Map<String, CompiledSegment> segments) {
        List<GraphNode> out = new ArrayList<>();
        for (CompiledSegment s : segments.values()) {
            Set<String> tags = new LinkedHashSet<>();
            Object raw = s.spec().body().get("tags");
            if (raw instanceof List<?> l) l.forEach(x -> tags.add(String.valueOf(x)));
            else if (raw != null) tags.add(String.valueOf(raw));
            out.add(new GraphNode(s.id(), s.name(), NodeKind.SEGMENT, s.spec().file(), tags, s.plan().dependsOn(),
                    s.spec().position()));
            for (SegmentTest t : s.tests()) {
                out.add(new GraphNode(t.id(), t.id().substring("test.".length()), NodeKind.TEST, s.spec().file(),
                        Set.of(), Set.of(s.id()), t.position()));
            }
        }
        return out;
    }

    private static long errors(Diagnostics diags) {
        return diags.all().stream().filter(d -> d.severity() == io.segflow.core.diagnostic.Severity.ERROR).count();
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
