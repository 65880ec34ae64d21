package io.segflow.core.compile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.segflow.core.graph.GraphNode;
import io.segflow.core.graph.NodeKind;
import io.segflow.core.project.MacroFile;
import io.segflow.core.render.RenderInputs;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.SegmentTest;
import io.segflow.core.sql.DialectCompiler;
import io.segflow.core.state.NodeState;
import io.segflow.core.project.FeatureConfig;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The {@link NodeState} of every DAG node, from the dialect-neutral compile: what {@code --state} compares.
 * Parts hash what the compile fingerprint is made of, split so {@code state:modified.<kind>} can name which changed.
 */
final class NodeStates {
    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final String NONE = NodeKeys.sha256("");

    private final ValidatedProject vp;
    private final Map<String, Object> vars = new HashMap<>();
    private final Map<String, String> macros = new HashMap<>();
    private final Map<String, String> shapes = new HashMap<>();
    private final Map<String, String> quoted = new HashMap<>();

    private NodeStates(ValidatedProject vp) {
        this.vp = vp;
        vars.putAll(vp.project().config().vars());
        vars.putAll(vp.options().cliVars());
        for (MacroFile m : vp.project().macros()) {
            macros.put(m.path().normalize().toString().replace('\\', '/'), NodeKeys.sha256(m.text()));
        }
        vp.nodes().forEach((id, n) -> shapes.put(id, columns(n.columns())));
        vp.seeds().forEach((id, s) -> shapes.put(id, columns(s.columns())));
        vp.sources().forEach((rel, cols) -> shapes.put(vp.sourceIds().get(rel), columns(cols)));
        vp.segments().forEach((id, s) -> shapes.put(id, String.valueOf(s.plan().segmentNames())));
        vp.nodes().forEach((id, n) -> quoted.put(id, quoted(n.relation())));
        vp.seeds().forEach((id, s) -> quoted.put(id, quoted(s.relation())));
        vp.sourceIds().forEach((rel, id) -> quoted.put(id, quoted(rel)));
    }

    /** {@link #of}, computed once on first use. */
    static Supplier<Map<String, NodeState>> lazily(ValidatedProject vp, Map<String, CompiledSegment> segments) {
        Map<String, CompiledSegment> copy = Map.copyOf(segments);
        return new Supplier<>() {
            private Map<String, NodeState> value;

            @Override
            public synchronized Map<String, NodeState> get() {
                if (value == null) value = Map.copyOf(of(vp, copy));
                return value;
            }
        };
    }

    static Map<String, NodeState> of(ValidatedProject vp, Map<String, CompiledSegment> segments) {
        NodeStates states = new NodeStates(vp);
        Map<String, NodeState> out = new TreeMap<>();
        vp.nodes().forEach((id, n) -> out.put(id, states.feature(n)));
        vp.tests().forEach((id, t) -> out.put(id, states.test(t)));
        for (CompiledSegment s : segments.values()) {
            out.put(s.id(), states.segment(s));
            for (SegmentTest t : s.tests()) out.put(t.id(), states.segmentTest(t));
        }
        vp.seeds().forEach((id, s) -> {
            String body;
            try {
                body = NodeKeys.sha256(Files.readString(vp.project().root().resolve(s.seed().path())));
            } catch (IOException | RuntimeException e) {
                body = NodeKeys.sha256(columns(s.columns()));
            }
            out.put(id, leaf("seed", s.relation().toString(), body));
        });
        vp.sources().forEach((rel, cols) -> out.put(vp.sourceIds().get(rel),
                leaf("source", rel.toString(), NodeKeys.sha256(columns(cols)))));
        for (GraphNode n : vp.dag().nodes()) {
            if (!out.containsKey(n.id()) && n.kind() == NodeKind.SOURCE) out.put(n.id(), leaf("source", n.name(), NONE));
        }
        return out;
    }

    private NodeState feature(ValidatedNode n) {
        Set<String> named = new TreeSet<>(n.dependsOn());
        named.add(n.id());
        String body = NodeKeys.sha256(neutral(DialectCompiler.canonical(n.query()), named) + "\0"
                + (n.incremental() == null ? "" : neutral(DialectCompiler.canonical(n.incremental()), named)));
        RenderInputs in = n.inputs();
        Map<String, String> usedVars = new TreeMap<>();
        for (String v : in.vars()) usedVars.put(v, vars.containsKey(v) ? NodeKeys.sha256(String.valueOf(vars.get(v))) : "unset");
        for (String e : in.envVars()) {
            if (e.equals(RenderInputs.WAREHOUSE_QUERY)) {
                usedVars.put("run_query", "reads the target"); // its SQL (the body) says what the data made of it
                continue;
            }
            String value = vp.options().env().get(e);
            usedVars.put("env:" + e, value == null ? "unset" : NodeKeys.sha256(value));
        }
        if (in.target()) usedVars.put("target", NodeKeys.sha256(vp.options().targetName() + " " + vp.options().targetType()));
        Map<String, String> usedMacros = new TreeMap<>();
        for (String m : in.macroFiles()) usedMacros.put(m, macros.getOrDefault(m, "missing"));
        return new NodeState("feature", n.relation().toString(), n.fingerprint(), body,
                NodeKeys.sha256(configWithoutPlace(n.config())), usedVars, usedMacros, upstream(n.dependsOn()));
    }

    private NodeState test(ValidatedTest t) {
        return derived("test", t.attachedTo(),
                NodeKeys.sha256(t.kind() + "\0" + t.severity() + thresholds(t) + "\0" + neutral(t.canonical(), t.dependsOn())),
                upstream(t.dependsOn()));
    }

    private static String thresholds(ValidatedTest t) {
        return t.config().isDefault() ? "" : "\0" + t.config();
    }

    private NodeState segment(CompiledSegment s) {
        String body = NodeKeys.sha256(s.type() + "\0" + sorted(s.spec().body()));
        return new NodeState("segment", "segments." + s.name() + "_members",
                NodeKeys.sha256(body + "\0" + s.definitionHash()), body, NONE, Map.of(), Map.of(),
                upstream(s.plan().dependsOn()));
    }

    private NodeState segmentTest(SegmentTest t) {
        String parent = "segment." + t.segmentation();
        return derived("test", parent, NodeKeys.sha256(t.kind() + "\0" + t.severity() + "\0" + sorted(t.args())),
                upstream(Set.of(parent)));
    }

    private static NodeState derived(String kind, String relation, String body, String upstream) {
        return new NodeState(kind, relation, NodeKeys.sha256(body + "\0" + upstream), body, NONE, Map.of(), Map.of(), upstream);
    }

    private static NodeState leaf(String kind, String relation, String body) {
        return new NodeState(kind, relation, body, body, NONE, Map.of(), Map.of(), NONE);
    }

    private String upstream(Set<String> dependsOn) {
        StringBuilder sb = new StringBuilder();
        for (String id : new TreeSet<>(dependsOn)) sb.append(id).append(' ').append(shapes.getOrDefault(id, "")).append('\0');
        return NodeKeys.sha256(sb.toString());
    }

    /**
     * The SQL with each named node's relation replaced by its id: where a node's rows live (schema, alias, database)
     * is not what it computes, so a CI schema or a renamed upstream table is not a body change.
     */
    private String neutral(String sql, Set<String> ids) {
        String out = sql;
        List<String> byLength = ids.stream().filter(quoted::containsKey)
                .sorted((a, b) -> quoted.get(b).length() - quoted.get(a).length()).toList();
        for (String id : byLength) out = out.replace(quoted.get(id), "{" + id + "}");
        return out;
    }

    private static String quoted(RelationName r) {
        List<String> names = r.database() == null ? List.of(r.schema(), r.name()) : List.of(r.database(), r.schema(), r.name());
        return new SqlIdentifier(names, SqlParserPos.ZERO).toSqlString(c -> c.withDialect(AnsiSqlDialect.DEFAULT)).getSql();
    }

    private static String configWithoutPlace(FeatureConfig c) {
        return c.materialized() + "\0" + c.uniqueKey() + "\0" + c.entityKey() + "\0" + c.tags() + "\0" + c.enabled();
    }

    private static String columns(List<ColumnDef> cols) {
        StringBuilder sb = new StringBuilder();
        for (ColumnDef c : cols) sb.append(c.name()).append(':').append(c.type()).append(c.nullable() ? "?" : "").append(',');
        return sb.toString();
    }

    private static String sorted(Object value) {
        try {
            return SORTED.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
