package io.segflow.core.compile;

import io.segflow.core.project.ColumnSpec;
import io.segflow.core.project.Feature;
import io.segflow.core.project.FeatureConfig;
import io.segflow.core.project.MacroFile;
import io.segflow.core.project.Project;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.segment.PublishedSegmentation;
import io.segflow.core.sql.SqlCatalog;
import io.segflow.spi.RelationName;
import java.util.List;
import java.util.TreeMap;
import io.segflow.core.render.RenderInputs;
import io.segflow.core.sql.CanonicalTree;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.spi.ColumnDef;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hashes a node is known by. {@link #local} covers what a render reads (template, YAML config, the vars, env
 * vars and macro files the last render used, the target when it was read): equal local keys mean an equal render.
 * {@link #upstream} covers where each dependency lives and its row type. {@link #fingerprint} is the canonical
 * fingerprint written to the manifest: the SQL as parsed ({@link CanonicalTree}: comments and whitespace do not count),
 * config, upstream row types, used vars and macros, and the segflow version.
 */
final class NodeKeys {
    private final Project project;
    private final CompileOptions options;
    private final Map<String, Object> vars;
    private final Map<String, String> env;
    private final Map<String, String> macros = new HashMap<>();
    private final String piiTags;
    /** What every segmentation's local key shares (every var, the project config, the pii tags): written out once. */
    private final String projectWide;

    NodeKeys(Project project, CompileOptions options, Map<String, Object> vars, Map<String, String> env) {
        this.project = project;
        this.options = options;
        this.vars = vars;
        this.env = env;
        for (MacroFile m : project.macros()) macros.put(m.path().normalize().toString().replace('\\', '/'), m.text());
        Set<String> pii = new TreeSet<>();
        project.sources().forEach(s -> s.columns().stream().filter(ColumnSpec::pii)
                .forEach(c -> pii.add(s.uniqueId() + "." + c.name())));
        project.features().forEach(f -> f.columns().stream().filter(ColumnSpec::pii)
                .forEach(c -> pii.add(f.uniqueId() + "." + c.name())));
        this.piiTags = String.join(",", pii);
        this.projectWide = CanonicalText.of(vars) + "\0" + CanonicalText.of(project.config()) + "\0" + piiTags;
    }

    String local(Feature f, RenderInputs inputs) {
        return sha256("local\0" + ArtifactWriter.VERSION + "\0" + f.path() + "\0" + f.sql() + "\0" + CanonicalText.of(f.config()) + "\0"
                + inputValues(inputs));
    }

    String upstream(Set<String> dependsOn, Map<String, ProjectValidator.UpstreamRelation> upstream) {
        StringBuilder sb = new StringBuilder("upstream");
        for (String id : new TreeSet<>(dependsOn)) {
            ProjectValidator.UpstreamRelation u = upstream.get(id);
            sb.append('\0').append(id);
            if (u == null) continue;
            sb.append(' ').append(u.relation());
            for (ColumnDef c : u.columns()) sb.append(' ').append(c.name()).append(':').append(c.type()).append(c.nullable() ? "?" : "");
        }
        return sha256(sb.toString());
    }

    String fingerprint(ValidatedSql query, ValidatedSql incremental, FeatureConfig config, String upstreamKey,
                       RenderInputs inputs) {
        return sha256("node\0" + ArtifactWriter.VERSION + "\0" + CanonicalTree.of(query) + "\0"
                + (incremental == null ? "" : CanonicalTree.of(incremental)) + "\0" + config + "\0"
                + upstreamKey + "\0" + inputValues(inputs));
    }

    /** A segmentation's own inputs: its definition, every var, the project config and the pii tags. */
    String segmentLocal(SegmentSpec spec) {
        return sha256("segment\0" + ArtifactWriter.VERSION + "\0" + spec.type() + "\0" + spec.file() + "\0"
                + CanonicalText.of(spec.body()) + "\0" + projectWide);
    }

    /** A data test's own input: its query text (which names every relation it reads). */
    String testLocal(String sql) {
        return sha256("test\0" + ArtifactWriter.VERSION + "\0" + sql);
    }

    /** Where a segmentation's inputs live and their row types: its DAG dependencies and the relations its SQL read. */
    String segmentUpstream(Set<String> dependsOn, List<RelationName> relations,
                           Map<String, ProjectValidator.UpstreamRelation> upstream, SqlCatalog catalog) {
        return segmentUpstream(dependsOn, relations, upstream, catalog, Map.of(), null);
    }

    /**
     * Like {@link #segmentUpstream(Set, List, Map, SqlCatalog)}, with what it saw of the segmentations it reads and,
     * when the project tags personal data, where each column it reads comes from: a feature further up can start
     * passing personal data through a column of the same name and type, which the segmentation's privacy check
     * must see again.
     */
    String segmentUpstream(Set<String> dependsOn, List<RelationName> relations,
                           Map<String, ProjectValidator.UpstreamRelation> upstream, SqlCatalog catalog,
                           Map<String, PublishedSegmentation> segmentationsRead, LineageGraph lineage) {
        StringBuilder sb = new StringBuilder(upstream(dependsOn, upstream));
        for (RelationName r : relations) {
            List<ColumnDef> columns = catalog.columns(r).orElse(List.of());
            sb.append('\0').append(r).append(' ').append(columns);
            if (piiTags.isEmpty() || lineage == null) continue;
            for (ColumnDef c : columns) sb.append('\0').append(c.name()).append(" <- ").append(CanonicalText.of(lineage.sources(r, c.name())));
        }
        if (!segmentationsRead.isEmpty()) sb.append("\0segmentations ").append(CanonicalText.of(segmentationsRead));
        return sha256(sb.toString());
    }

    private String inputValues(RenderInputs inputs) {
        StringBuilder sb = new StringBuilder();
        for (String v : inputs.vars()) {
            sb.append("var ").append(v).append('=').append(vars.containsKey(v) ? String.valueOf(vars.get(v)) : "\1unset").append('\0');
        }
        for (String e : inputs.envVars()) {
            if (e.equals(RenderInputs.WAREHOUSE_QUERY)) {
                sb.append("queried ").append(java.util.UUID.randomUUID()).append('\0'); // never equal to a cached key
                continue;
            }
            String value = env.get(e);
            sb.append("env ").append(e).append('=').append(value == null ? "\1unset" : sha256(value)).append('\0');
        }
        for (String m : inputs.macroFiles()) sb.append("macro ").append(m).append('=').append(macros.get(m)).append('\0');
        if (inputs.target()) {
            sb.append("target ").append(options.targetName()).append(' ').append(options.targetType()).append(' ')
                    .append(project.config().schema());
        }
        return sb.toString();
    }

    static String sha256(String text) {
        return ProjectCompiler.checksum(text);
    }
}
