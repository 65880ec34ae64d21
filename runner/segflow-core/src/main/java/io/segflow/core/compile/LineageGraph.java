package io.segflow.core.compile;

import io.segflow.core.sql.ColumnOrigin;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one column-lineage graph of a compiled project: features indexed by relation, each feature's direct lineage
 * (output column to the columns it reads) computed on first use only. Every lineage question (source lineage in
 * the manifest, {@code segflow lineage}, the personal-data gate) is a walk of {@link #tree}.
 */
public final class LineageGraph {
    /** One step of a walk: a column read, whether it is a raw (non-feature) column, and what it derives from. */
    public record Branch(ColumnOrigin origin, boolean source, List<Branch> children) {
    }

    private final Map<String, String> nodeByRelation = new HashMap<>();
    private final Function<String, Map<String, Set<ColumnOrigin>>> direct;

    /** {@code relations}: feature id to relation; {@code direct}: a feature id's direct lineage (memoised by the caller). */
    public LineageGraph(Map<String, RelationName> relations, Function<String, Map<String, Set<ColumnOrigin>>> direct) {
        relations.forEach((id, rel) -> nodeByRelation.putIfAbsent(key(rel), id));
        this.direct = direct;
    }

    /** The feature that materialises {@code relation}, if one does. */
    public Optional<String> nodeOf(RelationName relation) {
        return Optional.ofNullable(nodeByRelation.get(key(relation)));
    }

    /** The columns {@code column} of feature {@code nodeId} is computed from (matched case-insensitively). */
    public Set<ColumnOrigin> direct(String nodeId, String column) {
        if (nodeId == null) return Set.of();
        for (Map.Entry<String, Set<ColumnOrigin>> e : direct.apply(nodeId).entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) return e.getValue();
        }
        return Set.of();
    }

    /**
     * What {@code relation.column} derives from, depth first, origins sorted by name; a feature column already
     * expanded elsewhere in the walk is listed but not expanded again.
     */
    public List<Branch> tree(RelationName relation, String column) {
        Set<String> expanded = new HashSet<>();
        expanded.add(key(relation) + "." + column.toLowerCase(Locale.ROOT));
        return children(nodeByRelation.get(key(relation)), column, expanded);
    }

    private List<Branch> children(String nodeId, String column, Set<String> expanded) {
        List<ColumnOrigin> origins = new ArrayList<>(direct(nodeId, column));
        origins.sort(Comparator.comparing(o -> o.relation() + "." + o.column()));
        List<Branch> out = new ArrayList<>();
        for (ColumnOrigin o : origins) {
            String up = nodeByRelation.get(key(o.relation()));
            boolean first = expanded.add(key(o.relation()) + "." + o.column().toLowerCase(Locale.ROOT));
            List<Branch> below = up != null && first ? children(up, o.column(), expanded) : List.of();
            out.add(new Branch(o, up == null, below));
        }
        return out;
    }

    /** The raw source columns {@code relation.column} is computed from, through upstream features. */
    public Set<ColumnOrigin> sources(RelationName relation, String column) {
        Set<ColumnOrigin> out = new LinkedHashSet<>();
        collect(tree(relation, column), out, true);
        return out;
    }

    /** Every column on the way from {@code relation.column} down to the sources, the start included. */
    public Set<ColumnOrigin> upstream(RelationName relation, String column) {
        Set<ColumnOrigin> out = new LinkedHashSet<>();
        out.add(new ColumnOrigin(relation, column));
        collect(tree(relation, column), out, false);
        return out;
    }

    private static void collect(List<Branch> branches, Set<ColumnOrigin> out, boolean sourcesOnly) {
        for (Branch b : branches) {
            if (!sourcesOnly || b.source()) out.add(b.origin());
            collect(b.children(), out, sourcesOnly);
        }
    }

    private static String key(RelationName r) {
        return r.toString().toLowerCase(Locale.ROOT);
    }
}
