package io.segflow.core.segment.rules;

import static io.segflow.core.segment.SegmentSql.ident;
import static io.segflow.core.segment.SegmentSql.json;
import static io.segflow.core.segment.SegmentSql.string;

import io.segflow.core.segment.InputRelation;
import io.segflow.core.sql.GeneratedText;
import io.segflow.core.sql.GeneratedTrees;
import io.segflow.spi.ColumnDef;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.type.SqlTypeName;

/** Membership SQL of a rules segmentation, in neutral syntax; names only ever appear as escaped literals. */
final class RulesSql {
    private static final String ELSE = "{\"rule\":\"else\"}";

    private RulesSql() {
    }

    /** A query's text, and its tree when it could be built without parsing the text (else null). */
    record Query(String sql, SqlNode tree) {
    }

    static Query firstMatch(InputRelation in, String key, List<RulesSegmentType.Rule> rules, String elseName,
                            String score) {
        List<SqlNode> numbers = new ArrayList<>();
        List<SqlNode> names = new ArrayList<>();
        List<SqlNode> explanations = new ArrayList<>();
        StringBuilder segment = new StringBuilder("case \"rule_no\"");
        StringBuilder explanation = new StringBuilder("case \"rule_no\"");
        for (int i = 0; i < rules.size(); i++) {
            String explained = explain(rules.get(i), i);
            segment.append(" when ").append(i + 1).append(" then ").append(string(rules.get(i).name()));
            explanation.append(" when ").append(i + 1).append(" then ").append(string(explained));
            numbers.add(GeneratedTrees.integer(i + 1));
            names.add(GeneratedTrees.string(rules.get(i).name()));
            explanations.add(GeneratedTrees.string(explained));
        }
        if (elseName != null) {
            segment.append(" when 0 then ").append(string(elseName));
            explanation.append(" when 0 then ").append(string(ELSE));
            numbers.add(GeneratedTrees.integer(0));
            names.add(GeneratedTrees.string(elseName));
            explanations.add(GeneratedTrees.string(ELSE));
        }
        segment.append(" end");
        explanation.append(" end");
        GeneratedText text = new GeneratedText().append("select \"entity_id\", cast(" + segment
                + " as varchar) as \"segment\", \"score\", cast(" + explanation + " as varchar) as \"explanation\"\n"
                + "from (select \"t\"." + ident(key) + " as \"entity_id\", case");
        for (int i = 0; i < rules.size(); i++) {
            text.append(" when ").embed("(" + rules.get(i).when() + ")").append(" then " + (i + 1));
        }
        text.append(elseName == null ? " end" : " else 0 end").append(" as \"rule_no\", ");
        scoreExpr(text, score).append(" as \"score\"\n  from " + in.sqlName() + " as \"t\") as \"r\"\n"
                + "where \"rule_no\" is not null");
        List<SqlNode> embedded = text.embeddedTrees();
        if (embedded == null) return new Query(text.sql(), null);
        SqlNode ruleNo = GeneratedTrees.caseOf(null, embedded.subList(0, rules.size()),
                numbers.subList(0, rules.size()), elseName == null ? null : GeneratedTrees.integer(0));
        SqlNode scoreTree = score == null ? GeneratedTrees.nullLiteral() : embedded.get(rules.size());
        SqlSelect inner = GeneratedTrees.select(List.of(
                GeneratedTrees.as(GeneratedTrees.name("t", key), "entity_id"),
                GeneratedTrees.as(ruleNo, "rule_no"),
                GeneratedTrees.as(GeneratedTrees.cast(scoreTree, SqlTypeName.DOUBLE), "score")),
                GeneratedTrees.as(GeneratedTrees.relation(in.relation()), "t"), null);
        SqlSelect outer = GeneratedTrees.select(List.of(
                GeneratedTrees.name("entity_id"),
                GeneratedTrees.as(GeneratedTrees.cast(GeneratedTrees.caseOf(GeneratedTrees.name("rule_no"), numbers,
                        names, null), SqlTypeName.VARCHAR), "segment"),
                GeneratedTrees.name("score"),
                GeneratedTrees.as(GeneratedTrees.cast(GeneratedTrees.caseOf(GeneratedTrees.name("rule_no"),
                        numbers, explanations, null), SqlTypeName.VARCHAR), "explanation")),
                GeneratedTrees.as(inner, "r"), GeneratedTrees.isNotNull(GeneratedTrees.name("rule_no")));
        return new Query(text.sql(), outer);
    }

    static String multi(InputRelation in, String key, List<RulesSegmentType.Rule> rules, String elseName, String score) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RulesSegmentType.Rule r = rules.get(i);
            parts.add(select(in, key, string(r.name()), string(explain(r, i)), score, holds(r.when())));
        }
        if (elseName != null) {
            List<String> any = rules.stream().map(r -> holds(r.when())).toList();
            parts.add(select(in, key, string(elseName), string(ELSE), score,
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

    static Query profile(InputRelation in, String key, List<String> columns) {
        StringBuilder sb = new StringBuilder("select \"t\".").append(ident(key)).append(" as \"entity_id\"");
        List<SqlNode> items = new ArrayList<>();
        items.add(GeneratedTrees.as(GeneratedTrees.name("t", key), "entity_id"));
        for (String c : columns) {
            sb.append(", cast(\"t\".").append(ident(c)).append(" as double) as ").append(ident(c));
            items.add(GeneratedTrees.as(GeneratedTrees.cast(GeneratedTrees.name("t", c), SqlTypeName.DOUBLE), c));
        }
        String sql = sb.append(" from ").append(in.sqlName()).append(" as \"t\"").toString();
        return new Query(sql, GeneratedTrees.select(items, GeneratedTrees.as(GeneratedTrees.relation(in.relation()), "t"),
                null));
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
        return scoreExpr(new GeneratedText(), score).sql();
    }

    private static GeneratedText scoreExpr(GeneratedText text, String score) {
        return score == null ? text.append("cast(null as double)")
                : text.append("cast(").embed("(" + score + ")").append(" as double)");
    }

    private static String explain(RulesSegmentType.Rule r, int index) {
        return "{\"rule\":" + json(r.name()) + ",\"index\":" + (index + 1) + ",\"when\":" + json(r.when()) + "}";
    }
}
