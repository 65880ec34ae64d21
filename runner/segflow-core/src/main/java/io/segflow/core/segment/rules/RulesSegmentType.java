package io.segflow.core.segment.rules;

import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.segment.InputRelation;
import io.segflow.core.segment.SegmentContext;
import io.segflow.core.segment.SegmentPlan;
import io.segflow.core.segment.SegmentType;
import io.segflow.spi.ColumnDef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: rules}: named groups defined by SQL predicates over one feature relation. In
 * {@code mode: first_match} (default) rules are tried in order and the first that holds wins; in
 * {@code mode: multi} every rule that holds gives a membership. {@code else} names the group of
 * entities no rule matched (without it they are not members).
 */
public final class RulesSegmentType implements SegmentType {
    static final Set<String> KEYS = Set.of("from", "mode", "rules", "else", "score", "profile");
    static final Set<String> RULE_KEYS = Set.of("name", "when", "description");

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    @Override
    public SegmentPlan plan(SegmentSpec spec, SegmentContext ctx) {
        InputRelation in = ctx.relation(spec, "from").orElse(null);
        if (in == null) return null;
        String key = ctx.string(spec, "entity_key", in.entityKey());
        boolean ok = ctx.requireColumn(spec, "entity_key", in, key);
        String mode = ctx.string(spec, "mode", "first_match");
        if (!mode.equals("first_match") && !mode.equals("multi")) {
            ctx.error(ErrorCode.INVALID_VALUE, spec.positionOf("mode"), "unknown mode '" + mode + "'",
                    "use first_match (each entity in the first group whose rule holds) or multi (every group whose rule holds)");
            ok = false;
        }
        String from = in.sqlName() + " as \"t\"";
        List<Rule> rules = new ArrayList<>();
        Object raw = spec.body().get("rules");
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            ctx.error(ErrorCode.MISSING_KEY, spec.position(), "rules segment '" + spec.name()
                    + "' has no rules", "add `rules: [{name: vip, when: \"total_revenue > 1000\"}]`");
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        List<SegmentContext.Expression> expressions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "rules." + i;
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                ctx.error(ErrorCode.WRONG_TYPE, spec.positionOf(path), "a rule must be a mapping",
                        "write `- {name: vip, when: \"total_revenue > 1000\"}`");
                ok = false;
                continue;
            }
            ok &= ctx.checkKeys(spec, path, m, RULE_KEYS);
            Object name = m.get("name");
            Object when = m.get("when");
            if (name == null || when == null) {
                ctx.error(ErrorCode.MISSING_KEY, spec.positionOf(path), "rule " + (i + 1) + " needs "
                        + (name == null ? "a name" : "a 'when' predicate"), "write `- {name: vip, when: \"total_revenue > 1000\"}`");
                ok = false;
                continue;
            }
            if (!names.add(String.valueOf(name))) {
                ctx.error(ErrorCode.DUPLICATE_NAME, spec.positionOf(path + ".name"), "group '" + name
                        + "' is defined twice in segment '" + spec.name() + "'", "give each rule its own name");
                ok = false;
            }
            expressions.add(new SegmentContext.Expression(path + ".when", String.valueOf(when), true));
            rules.add(new Rule(String.valueOf(name), String.valueOf(when)));
        }
        String elseName = spec.body().get("else") == null ? null : String.valueOf(spec.body().get("else"));
        if (elseName != null && names.contains(elseName)) {
            ctx.error(ErrorCode.DUPLICATE_NAME, spec.positionOf("else"), "else group '" + elseName
                    + "' is also a rule name", "choose another name for the else group");
            ok = false;
        }
        String score = spec.body().get("score") == null ? null : String.valueOf(spec.body().get("score"));
        if (score != null) expressions.add(new SegmentContext.Expression("score", score, false));
        // first_match embeds each predicate as a CASE WHEN condition over "t", as validateExpressionsInMembership needs
        ok &= mode.equals("first_match") ? ctx.validateExpressionsInMembership(spec, expressions, in)
                : ctx.validateExpressions(spec, expressions, from);
        List<String> profile = profileColumns(spec, ctx, in);
        if (!ok || profile == null) return null;

        List<String> groups = new ArrayList<>(names);
        if (elseName != null) groups.add(elseName);
        RulesSql.Query membership = mode.equals("multi")
                ? new RulesSql.Query(RulesSql.multi(in, key, rules, elseName, score), null)
                : RulesSql.firstMatch(in, key, rules, elseName, score);
        RulesSql.Query profileQuery = RulesSql.profile(in, key, profile);
        String definition = "mode=" + mode + "\nrules=" + rules + "\nelse=" + elseName + "\nscore=" + score;
        return new SegmentPlan(Set.of(in.nodeId()), in.relation(), key, membership.sql(), null, groups,
                mode.equals("multi"), profileQuery.sql(), definition, RulesSql.profileColumns(in, key, profile),
                !mode.equals("multi"), new SegmentPlan.Trees(membership.tree(), profileQuery.tree()));
    }

    /** {@code profile:} columns, or every numeric column of the relation except the key. */
    private static List<String> profileColumns(SegmentSpec spec, SegmentContext ctx, InputRelation in) {
        Object raw = spec.body().get("profile");
        String key = ctx.string(spec, "entity_key", in.entityKey());
        if (raw == null) {
            return in.columns().stream().filter(c -> isNumeric(c) && !c.name().equalsIgnoreCase(key))
                    .map(ColumnDef::name).limit(12).toList();
        }
        List<String> out = new ArrayList<>();
        List<?> items = raw instanceof List<?> l ? l : List.of(raw);
        boolean ok = true;
        for (Object o : items) {
            String c = String.valueOf(o);
            ok &= ctx.requireColumn(spec, "profile", in, c);
            out.add(c);
        }
        return ok ? out : null;
    }

    static boolean isNumeric(ColumnDef c) {
        String t = c.type().toUpperCase(java.util.Locale.ROOT);
        return t.startsWith("INT") || t.startsWith("BIGINT") || t.startsWith("SMALLINT") || t.startsWith("TINYINT")
                || t.startsWith("DOUBLE") || t.startsWith("FLOAT") || t.startsWith("REAL") || t.startsWith("DECIMAL");
    }

    record Rule(String name, String when) {
    }
}
