package io.segflow.audience;

import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.project.Suggestions;
import io.segflow.core.segment.InputRelation;
import io.segflow.core.segment.PublishedSegmentation;
import io.segflow.core.segment.SegmentContext;
import io.segflow.core.segment.SegmentPlan;
import io.segflow.core.segment.SegmentType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code audiences/*.yml}: an audience set over the published groups of several segmentations, planned after them
 * ({@link #readsSegmentations}). Audiences are resolved by priority (each entity in at most one), suppression lists
 * remove entities from all of them, and caps keep the highest scores. The result is an ordinary segmentation (one
 * group per audience), so the membership store keeps its history and the segment tests apply. Exports are checked
 * here too ({@link ExportChecks}), so a raw personal column in one fails compile.
 */
public final class AudienceSetType implements SegmentType {
    public static final String NAME = "audiences";
    static final Set<String> KEYS = Set.of("population", "priority", "suppress", "exports");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    @Override
    public boolean readsSegmentations() {
        return true;
    }

    @Override
    public SegmentPlan plan(SegmentSpec spec, SegmentContext ctx) {
        AudienceSet set = AudienceSet.of(spec);
        boolean ok = true;
        Set<String> dependsOn = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        List<AudienceSql.Include> includes = new ArrayList<>();
        for (int k = 0; k < set.priority().size(); k++) {
            AudienceSet.Audience a = set.priority().get(k);
            if (!names.add(a.name())) {
                ctx.error(ErrorCode.DUPLICATE_NAME, spec.positionOf(a.path() + ".name"), "audience '" + a.name()
                        + "' is listed twice in audience set '" + spec.name() + "'", "give each audience its own name");
                ok = false;
            }
            for (Map.Entry<String, List<String>> e : a.include().entrySet()) {
                PublishedSegmentation p = groups(spec, ctx, a.path() + ".include." + e.getKey(), e.getKey(), e.getValue());
                if (p == null) {
                    ok = false;
                    continue;
                }
                dependsOn.add(p.nodeId());
                includes.add(new AudienceSql.Include(k + 1, a.name(), p, concrete(e.getValue())));
            }
        }
        List<AudienceSql.Suppress> suppress = new ArrayList<>();
        Set<String> lists = new LinkedHashSet<>();
        for (AudienceSet.Suppression s : set.suppress()) {
            if (!lists.add(s.name())) {
                ctx.error(ErrorCode.DUPLICATE_NAME, spec.positionOf(s.path() + ".name"), "suppression list '" + s.name()
                        + "' is listed twice", "give each suppression list its own name");
                ok = false;
            }
            AudienceSql.Suppress planned = suppression(spec, ctx, s);
            if (planned == null) {
                ok = false;
                continue;
            }
            suppress.add(planned);
            dependsOn.add(planned.segmentation() != null ? planned.segmentation().nodeId() : planned.relation().nodeId());
        }
        InputRelation population = null;
        if (spec.body().get("population") != null) {
            population = ctx.relation(spec, "population").orElse(null);
            if (population == null) ok = false;
            else dependsOn.add(population.nodeId());
        }
        if (population != null && population.entityKey() == null) {
            ctx.error(ErrorCode.AUDIENCE, spec.positionOf("population"), "population " + population.relation()
                    + " has no entity_key", "set config: {entity_key: ...} on the feature, or leave population out");
            ok = false;
        }
        ok &= new ExportChecks(spec, ctx, set).check();
        if (!ok) return null;
        String sql = AudienceSql.membership(set.priority(), includes, suppress);
        String definition = "priority=" + set.priority() + "\nsuppress=" + set.suppress();
        return new SegmentPlan(dependsOn, population == null ? null : population.relation(),
                population == null ? null : population.entityKey(), sql, null, set.audienceNames(), false, null,
                definition);
    }

    /** The segmentation {@code name} with its {@code groups} checked; null (reported) when either is unknown. */
    private static PublishedSegmentation groups(SegmentSpec spec, SegmentContext ctx, String keyPath, String name,
                                                List<String> groups) {
        PublishedSegmentation p = ctx.segmentation(spec, keyPath, name).orElse(null);
        if (p == null) return null;
        if (groups.isEmpty()) {
            ctx.error(ErrorCode.AUDIENCE, spec.positionOf(keyPath), "no groups of '" + name + "' listed",
                    "list its groups, e.g. [" + String.join(", ", p.groups()) + "], or \"*\" for any group");
            return null;
        }
        if (p.groups().isEmpty()) return p; // a model names its groups at run time
        for (String g : concrete(groups)) {
            if (p.groups().contains(g)) continue;
            String hint = Suggestions.didYouMean(g, p.groups());
            ctx.error(ErrorCode.AUDIENCE, spec.positionOf(keyPath), "segmentation '" + name + "' has no group '" + g + "'",
                    hint != null ? hint : "groups: " + String.join(", ", p.groups()));
            return null;
        }
        return p;
    }

    private static List<String> concrete(List<String> groups) {
        return groups.contains(AudienceSet.ANY_GROUP) ? List.of() : groups;
    }

    private static AudienceSql.Suppress suppression(SegmentSpec spec, SegmentContext ctx, AudienceSet.Suppression s) {
        boolean bySegments = s.segments() != null;
        boolean byCondition = s.from() != null || s.where() != null;
        if (bySegments == byCondition || (byCondition && (s.from() == null || s.where() == null))) {
            ctx.error(ErrorCode.AUDIENCE, spec.positionOf(s.path()), "suppression list '" + s.name()
                            + "' needs either `segments:` or both `from:` and `where:`",
                    "e.g. {name: opted_out, from: customer_features, where: \"not marketing_opt_in\"}");
            return null;
        }
        if (bySegments) {
            if (s.segments().size() != 1) {
                ctx.error(ErrorCode.AUDIENCE, spec.positionOf(s.path() + ".segments"), "suppression list '" + s.name()
                        + "' names " + s.segments().size() + " segmentations", "use one list per segmentation");
                return null;
            }
            Map.Entry<String, List<String>> e = s.segments().entrySet().iterator().next();
            PublishedSegmentation p = groups(spec, ctx, s.path() + ".segments." + e.getKey(), e.getKey(), e.getValue());
            return p == null ? null : new AudienceSql.Suppress(p, concrete(e.getValue()), null, null, null);
        }
        SegmentSpec part = Nested.of(spec, s.path(), Map.of("from", s.from(), "key", s.key() == null ? "" : s.key(),
                "where", s.where()));
        InputRelation in = ctx.relation(part, "from").orElse(null);
        if (in == null) return null;
        String key = s.key() != null ? s.key() : in.entityKey();
        if (!ctx.requireColumn(part, "key", in, key)) return null;
        if (!ctx.validateExpression(part, "where", s.where(), in.sqlName() + " as \"t\"", true)) return null;
        return new AudienceSql.Suppress(null, List.of(), in, key, s.where());
    }
}
