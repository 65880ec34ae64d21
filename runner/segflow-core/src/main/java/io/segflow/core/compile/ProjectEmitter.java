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

    /**
     * One compiled project per target, in the order given. Every (target, feature) and (target, segmentation) is one
     * task on the compile's threads, so no target waits for another and no worker idles while one target's
     * segmentations are emitted.
     */
    public static List<CompiledProject> emitAll(ValidatedProject vp, List<EmitTarget> targets) {
        List<ValidatedNode> nodes = new ArrayList<>(vp.nodes().values());
        List<ValidatedSegment> segs = new ArrayList<>(vp.segments().values());
        List<Map<RelationName, SqlNode>> ephemerals = nodes.stream().map(n -> EphemeralInputs.of(vp, n)).toList();
        int perTarget = nodes.size() + segs.size();
        List<Integer> work = new ArrayList<>(targets.size() * perTarget);
        for (int i = 0; i < targets.size() * perTarget; i++) work.add(i);
        List<Object> emitted;
        try (Parallel parallel = new Parallel(vp.options().threads())) {
            emitted = parallel.map(work, i -> {
                EmitTarget t = targets.get(i / perTarget);
                int k = i % perTarget;
                if (k < nodes.size()) {
                    return orProblems(() -> node(nodes.get(k), t.dialect(), t.dialectKey(), ephemerals.get(k)));
                }
                return segment(vp, segs.get(k - nodes.size()), t.dialect(), t.dialectKey());
            });
        }
        List<CompiledProject> out = new ArrayList<>();
        for (int ti = 0; ti < targets.size(); ti++) {
            out.add(assemble(vp, targets.get(ti), emitted.subList(ti * perTarget, ti * perTarget + nodes.size()),
                    emitted.subList(ti * perTarget + nodes.size(), (ti + 1) * perTarget)));
        }
        return out;
    }

    public static CompiledProject emit(ValidatedProject vp, EmitTarget target) {
        return emitAll(vp, List.of(target)).get(0);
    }

    /** A target's project from its emitted nodes and segmentations (each a result or its problems), tests emitted here. */
    private static CompiledProject assemble(ValidatedProject vp, EmitTarget target, List<Object> compiled,
                                            List<Object> emittedSegments) {
        SqlDialect dialect = target.dialect();
        String key = target.dialectKey();
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
        for (Object emitted : emittedSegments) {
            if (emitted instanceof CompiledSegment cs) segments.put(cs.id(), cs);
            else problems.addAll(((DiagnosticException) emitted).diagnostics());
        }
        problems.throwIfErrors();
        return new CompiledProject(vp.project(), vp.options().forTarget(target), vp.dag(), byId, vp.seeds(), tests,
                vp.sources(), vp.sourceIds(), segments, vp.lineage(), NodeStates.lazily(vp, segments));
    }

    private static Object segment(ValidatedProject vp, ValidatedSegment s, SqlDialect dialect, String key) {
        List<String> cached = vp.segmentSql().getOrDefault(s.id(), Map.of()).get(key);
        return cached != null ? s.of(emptyToNull(cached.get(0)), emptyToNull(cached.get(1)))
                : orProblems(() -> s.emit(dialect));
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
