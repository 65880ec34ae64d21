package io.segflow.core.segment;

import io.segflow.core.compile.CompiledNode;
import io.segflow.core.project.ColumnSpec;
import io.segflow.core.project.Feature;
import io.segflow.core.project.Project;
import io.segflow.core.project.SourceTable;
import io.segflow.core.sql.ColumnOrigin;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Follows column lineage from a feature or source column down to the raw sources and says which of the
 * columns on the way are tagged {@code pii: true} (on a source column or on a feature's documented column).
 */
final class PiiLineage {
    private final Map<String, CompiledNode> byRelation = new HashMap<>();
    private final Set<String> piiColumns = new HashSet<>();

    PiiLineage(Project project, Map<String, CompiledNode> nodes) {
        for (CompiledNode n : nodes.values()) byRelation.put(key(n.relation()), n);
        for (SourceTable s : project.sources()) {
            RelationName rel = new RelationName(s.database(), s.schema(), s.identifier() == null ? s.table() : s.identifier());
            for (ColumnSpec c : s.columns()) if (c.pii()) piiColumns.add(key(rel) + "." + lower(c.name()));
        }
        for (Feature f : project.features()) {
            CompiledNode n = nodes.get(f.uniqueId());
            if (n == null) continue;
            for (ColumnSpec c : f.columns()) if (c.pii()) piiColumns.add(key(n.relation()) + "." + lower(c.name()));
        }
    }

    /** The pii-tagged columns ("schema.table.column") that {@code origin} is or derives from. */
    List<String> piiOrigins(ColumnOrigin origin) {
        List<String> out = new ArrayList<>();
        walk(origin.relation(), origin.column(), out, new HashSet<>());
        return out;
    }

    private void walk(RelationName rel, String column, List<String> out, Set<String> seen) {
        String id = key(rel) + "." + lower(column);
        if (!seen.add(id)) return;
        if (piiColumns.contains(id)) out.add(rel + "." + column);
        CompiledNode node = byRelation.get(key(rel));
        if (node == null) return;
        for (Map.Entry<String, Set<ColumnOrigin>> e : node.lineage().entrySet()) {
            if (!e.getKey().equalsIgnoreCase(column)) continue;
            for (ColumnOrigin o : e.getValue()) walk(o.relation(), o.column(), out, seen);
        }
    }

    private static String key(RelationName r) {
        return lower(r.toString());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
