package io.segflow.core.compile;

import io.segflow.core.sql.DialectCompiler;
import io.segflow.spi.RelationName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlNode;

/** The ephemeral features a node reads, directly or through other ephemerals, upstream first. */
final class EphemeralInputs {
    static final String EPHEMERAL = "ephemeral";

    private EphemeralInputs() {
    }

    static Map<RelationName, SqlNode> of(ValidatedProject vp, ValidatedNode n) {
        return of(vp, n.dependsOn());
    }

    /** The ephemerals read by a query (a data test's, a segment's) that depends on {@code dependsOn}. */
    static Map<RelationName, SqlNode> of(ValidatedProject vp, Set<String> dependsOn) {
        Map<RelationName, SqlNode> out = new LinkedHashMap<>();
        collect(vp, dependsOn, out);
        return out;
    }

    private static void collect(ValidatedProject vp, Set<String> dependsOn, Map<RelationName, SqlNode> out) {
        for (String dep : new TreeSet<>(dependsOn)) {
            ValidatedNode up = vp.nodes().get(dep);
            if (up == null || !EPHEMERAL.equals(up.config().materialized()) || out.containsKey(up.relation())) continue;
            collect(vp, up.dependsOn(), out);
            out.put(up.relation(), DialectCompiler.tree(up.query()));
        }
    }
}
