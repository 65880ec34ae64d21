package io.segflow.core.segment;

import io.segflow.core.compile.LineageGraph;
import io.segflow.core.compile.ValidatedNode;
import io.segflow.core.project.ColumnSpec;
import io.segflow.core.project.Feature;
import io.segflow.core.project.Project;
import io.segflow.core.project.SourceTable;
import io.segflow.core.sql.ColumnOrigin;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Says which columns tagged {@code pii: true} (on a source column or on a feature's documented column) a column
 * is or derives from, walking the project's {@link LineageGraph}. Without any such tag nothing is walked, so no
 * lineage is computed.
 */
final class PiiLineage {
    private final LineageGraph graph;
    private final Set<String> piiColumns = new HashSet<>();

    PiiLineage(Project project, Map<String, ValidatedNode> nodes, LineageGraph graph) {
        this.graph = graph;
        for (SourceTable s : project.sources()) {
            RelationName rel = new RelationName(s.database(), s.schema(), s.identifier() == null ? s.table() : s.identifier());
            for (ColumnSpec c : s.columns()) if (c.pii()) piiColumns.add(key(rel, c.name()));
        }
        for (Feature f : project.features()) {
            ValidatedNode n = nodes.get(f.uniqueId());
            if (n == null) continue;
            for (ColumnSpec c : f.columns()) if (c.pii()) piiColumns.add(key(n.relation(), c.name()));
        }
    }

    /** True when some column is tagged pii (only then is lineage worth computing). */
    boolean any() {
        return !piiColumns.isEmpty();
    }

    /** The pii-tagged columns ("schema.table.column") that {@code origin} is or derives from. */
    List<String> piiOrigins(ColumnOrigin origin) {
        List<String> out = new ArrayList<>();
        if (!any()) return out;
        for (ColumnOrigin o : graph.upstream(origin.relation(), origin.column())) {
            if (piiColumns.contains(key(o.relation(), o.column()))) out.add(o.relation() + "." + o.column());
        }
        return out;
    }

    private static String key(RelationName r, String column) {
        return (r + "." + column).toLowerCase(Locale.ROOT);
    }
}
