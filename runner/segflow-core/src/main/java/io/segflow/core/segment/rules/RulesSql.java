package io.segflow.core.segment.rules;

import static io.segflow.core.segment.SegmentSql.ident;
import static io.segflow.core.segment.SegmentSql.json;
import static io.segflow.core.segment.SegmentSql.string;

import io.segflow.core.segment.InputRelation;
import io.segflow.spi.ColumnDef;
import java.util.ArrayList;
import java.util.List;

/** Membership SQL of a rules segmentation, in neutral syntax; names only ever appear as escaped literals. */
final class RulesSql {
    private RulesSql() {
    }

    static String firstMatch(InputRelation in, String key, List<RulesSegmentType.Rule> rules, String elseName,
                             String score) {
        StringBuilder ruleNo = new StringBuilder("case");
        for (int i = 0; i < rules.size(); i++) {
            ruleNo.append(" when (").append(rules.get(i).when()).append(") then ").append(i + 1);
        }
        ruleNo.append(elseName == null ? " end" : " else 0 end");
        StringBuilder segment = new StringBuilder("case \"rule_no\"");
        StringBuilder explanation = new StringBuilder("case \"rule_no\"");
        for (int i = 0; i < rules.size(); i++) {
            segment.append(" when ").append(i + 1).append(" then ").append(string(rules.get(i).name()));
            explanation.append(" when ").append(i + 1).append(" then ").append(string(explain(rules.get(i), i)));
        }
        if (elseName != null) {
            segment.append(" when 0 then ").append(string(elseName));
            explanation.append(" when 0 then ").append(string("{\"rule\":\"else\"}"));
        }
        segment.append(" end");
        explanation.append(" end");
        return "select \"entity_id\", cast(" + segment + " as varchar) as \"segment\", \"score\", cast(" + explanation
                + " as varchar) as \"explanation\"\nfrom (select \"t\"." + ident(key) + " as \"entity_id\", "
                + ruleNo + " as \"rule_no\", " + scoreExpr(score) + " as \"score\"\n  from " + in.sqlName()
                + " as \"t\") as \"r\"\nwhere \"rule_no\" is not null";
    }

    static String multi(InputRelation in, String key, List<RulesSegmentType.Rule> rules, String elseName, String score) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RulesSegmentType.Rule r = rules.get(i);
            parts.add(select(in, key, string(r.name()), string(explain(r, i)), score, holds(r.when())));
        }
        if (elseName != null) {
            List<String> any = rules.stream().map(r -> holds(r.when())).toList();
            parts.add(select(in, key, string(elseName), string("{\"rule\":\"else\"}"), score,
                    "not (" + String.join(" or ", any) + ")"));
        }
        return String.join("\nunion all\n", parts);
    }

    /**
     * True when the predicate holds, false when it is false or null. Not {@code (p) IS TRUE}: the unparser drops the
     * parentheses and BigQuery does not accept {@code a >= 5 IS TRUE}.
     */
    private static String holds(String predicate) {
        return "coalesce((" + predicate + "), false)";
    }

    private static String select(InputRelation in, String key, String segment, String explanation, String score,
                                 String where) {
        return "select \"t\"." + ident(key) + " as \"entity_id\", cast(" + segment + " as varchar) as \"segment\", "
                + scoreExpr(score) + " as \"score\", cast(" + explanation + " as varchar) as \"explanation\" from "
                + in.sqlName() + " as \"t\" where " + where;
    }

    static String profile(InputRelation in, String key, List<String> columns) {
        StringBuilder sb = new StringBuilder("select \"t\".").append(ident(key)).append(" as \"entity_id\"");
        for (String c : columns) sb.append(", cast(\"t\".").append(ident(c)).append(" as double) as ").append(ident(c));
        return sb.append(" from ").append(in.sqlName()).append(" as \"t\"").toString();
    }

    /**
     * The row type of {@link #profile}: the key as the relation has it, each column cast to a nullable-as-before
     * DOUBLE. {@code RulesProfileRowTypeTest} holds it equal to what Calcite's validation of the query derives.
     */
    static List<ColumnDef> profileColumns(InputRelation in, String key, List<String> columns) {
        List<ColumnDef> out = new ArrayList<>();
        ColumnDef keyColumn = column(in, key);
        out.add(new ColumnDef("entity_id", keyColumn.type(), keyColumn.nullable()));
        for (String c : columns) out.add(new ColumnDef(c, "DOUBLE", column(in, c).nullable()));
        return out;
    }

    private static ColumnDef column(InputRelation in, String name) {
        return in.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + name + " in " + in.relation()));
    }

    private static String scoreExpr(String score) {
        return score == null ? "cast(null as double)" : "cast((" + score + ") as double)";
    }

    private static String explain(RulesSegmentType.Rule r, int index) {
        return "{\"rule\":" + json(r.name()) + ",\"index\":" + (index + 1) + ",\"when\":" + json(r.when()) + "}";
    }
}
