package io.segflow.core.compile;

import io.segflow.core.graph.NodeKind;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.ValidatedSegment;
import io.segflow.core.sql.DialectCompiler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlDialect;

/**
 * Phase two of compile: SQL for one target from a {@link ValidatedProject}, unparsed from the pristine parse trees
 * (nothing is re-rendered, re-parsed or re-validated), or taken from the compile cache for unchanged nodes.
 */
public final class ProjectEmitter {
    private ProjectEmitter() {
    }

    /** One compiled project per target, in the order given; targets are emitted in parallel. */
    public static List<CompiledProject> emitAll(ValidatedProject vp, List<EmitTarget> targets) {
        try (Parallel parallel = new Parallel(Math.min(vp.options().threads(), targets.size()))) {
            return parallel.map(targets, t -> emit(vp, t));
        }
    }

    public static CompiledProject emit(ValidatedProject vp, EmitTarget target) {
        SqlDialect dialect = target.dialect();
        String key = target.dialectKey();
        List<ValidatedNode> nodes = new ArrayList<>(vp.nodes().values());
        List<CompiledNode> compiled;
        try (Parallel parallel = new Parallel(vp.options().threads())) {
            compiled = parallel.map(nodes, n -> node(n, dialect, key));
        }
        Map<String, CompiledNode> byId = new LinkedHashMap<>();
        compiled.forEach(c -> byId.put(c.id(), c));
        Map<String, CompiledTest> tests = new LinkedHashMap<>();
        vp.tests().forEach((id, t) -> tests.put(id, t.emit(dialect)));
        Map<String, CompiledSegment> segments = new LinkedHashMap<>();
        for (ValidatedSegment s : vp.segments().values()) {
            List<String> cached = vp.segmentSql().getOrDefault(s.id(), Map.of()).get(key);
            segments.put(s.id(), cached != null ? s.of(emptyToNull(cached.get(0)), emptyToNull(cached.get(1)))
                    : s.emit(dialect));
        }
        return new CompiledProject(vp.project(), vp.options().forTarget(target), vp.dag(), byId, vp.seeds(), tests,
                vp.sources(), vp.sourceIds(), segments, vp.lineage(), NodeStates.lazily(vp, segments));
    }

    private static CompiledNode node(ValidatedNode n, SqlDialect dialect, String key) {
        List<String> cached = n.compiled().get(key);
        String sql;
        String incremental = null;
        if (cached != null) {
            sql = cached.get(0);
            if (cached.size() > 1) incremental = cached.get(1);
        } else {
            sql = DialectCompiler.compile(n.query(), dialect);
            if (n.incremental() != null) incremental = DialectCompiler.compile(n.incremental(), dialect);
        }
        return new CompiledNode(n.id(), n.name(), NodeKind.FEATURE, n.path(), n.relation(), n.config(),
                n.renderedSql(), sql, incremental, n.columns(), n.dependsOn(), n.checksum(), n.fingerprint());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
