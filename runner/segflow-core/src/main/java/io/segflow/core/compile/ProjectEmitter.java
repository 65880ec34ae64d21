package io.segflow.core.compile;

import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.graph.NodeKind;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.ValidatedSegment;
import io.segflow.core.sql.DialectCompiler;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;

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
        List<Object> compiled;
        try (Parallel parallel = new Parallel(vp.options().threads())) {
            compiled = parallel.map(nodes, n -> orProblems(() -> node(n, dialect, key, EphemeralInputs.of(vp, n))));
        }
        // a target may lack a function the neutral SQL allows: every such call of every node is reported at once
        Diagnostics problems = new Diagnostics();
        Map<String, CompiledNode> byId = new LinkedHashMap<>();
        for (Object c : compiled) {
            if (c instanceof CompiledNode node) byId.put(node.id(), node);
            else problems.addAll(((DiagnosticException) c).diagnostics());
        }
        Map<String, CompiledTest> tests = new LinkedHashMap<>();
        vp.tests().forEach((id, t) -> {
            // cached SQL holds the ephemeral CTEs of its time: a test reading an ephemeral is emitted afresh
            Map<RelationName, SqlNode> ephemerals = EphemeralInputs.of(vp, t.dependsOn());
            Object emitted = orProblems(() -> t.emit(dialect, ephemerals.isEmpty() ? key : null, ephemerals));
            if (emitted instanceof CompiledTest ct) tests.put(id, ct);
            else problems.addAll(((DiagnosticException) emitted).diagnostics());
        });
        Map<String, CompiledSegment> segments = new LinkedHashMap<>();
        for (ValidatedSegment s : vp.segments().values()) {
            List<String> cached = vp.segmentSql().getOrDefault(s.id(), Map.of()).get(key);
            Object emitted = cached != null ? s.of(emptyToNull(cached.get(0)), emptyToNull(cached.get(1)))
                    : orProblems(() -> s.emit(dialect));
            if (emitted instanceof CompiledSegment cs) segments.put(s.id(), cs);
            else problems.addAll(((DiagnosticException) emitted).diagnostics());
        }
        problems.throwIfErrors();
        return new CompiledProject(vp.project(), vp.options().forTarget(target), vp.dag(), byId, vp.seeds(), tests,
                vp.sources(), vp.sourceIds(), segments, vp.lineage(), NodeStates.lazily(vp, segments));
    }

    private static CompiledNode node(ValidatedNode n, SqlDialect dialect, String key,
                                     Map<io.segflow.spi.RelationName, org.apache.calcite.sql.SqlNode> ephemerals) {
        // an ephemeral upstream may have changed without changing its row type: never reuse inlined SQL
        List<String> cached = ephemerals.isEmpty() ? n.compiled().get(key) : null;
        String sql;
        String incremental = null;
        if (cached != null) {
            sql = cached.get(0);
            if (cached.size() > 1) incremental = cached.get(1);
        } else {
            sql = DialectCompiler.compile(n.query(), dialect, ephemerals);
            if (n.incremental() != null) incremental = DialectCompiler.compile(n.incremental(), dialect, ephemerals);
        }
        return new CompiledNode(n.id(), n.name(), NodeKind.FEATURE, n.path(), n.relation(), n.config(),
                n.renderedSql(), sql, incremental, n.columns(), n.dependsOn(), n.checksum(), n.fingerprint());
    }

    private static Object orProblems(Supplier<Object> work) {
        try {
            return work.get();
        } catch (DiagnosticException e) {
            return e;
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
