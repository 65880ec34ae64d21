package io.segflow.audience;

import static io.segflow.core.segment.SegmentSql.ident;
import static io.segflow.core.segment.SegmentSql.json;
import static io.segflow.core.segment.SegmentSql.string;

import io.segflow.core.segment.InputRelation;
import io.segflow.core.segment.PublishedSegmentation;
import java.util.ArrayList;
import java.util.List;

/**
 * The membership query of an audience set, in neutral SQL with the segment contract columns. Every segmentation
 * group an audience includes gives candidate rows; suppressed entities are dropped; each entity keeps its best row
 * per audience. Audiences then take entities in priority order, each CTE {@code a<k>} excluding the entities the
 * earlier ones took, so a capped audience leaves the rest of its candidates to the audiences after it.
 */
final class AudienceSql {
    /** Where an audience's candidates come from: one segmentation and its groups (empty: any group). */
    record Include(int priority, String audience, PublishedSegmentation from, List<String> groups) {
    }

    /** A suppression list: a segmentation's groups, or the rows of a relation where a condition holds. */
    record Suppress(PublishedSegmentation segmentation, List<String> groups, InputRelation relation, String key,
                    String where) {
    }

    private AudienceSql() {
    }

    static String membership(List<AudienceSet.Audience> audiences, List<Include> includes, List<Suppress> suppress) {
        List<String> ctes = new ArrayList<>();
        List<String> eligible = new ArrayList<>();
        for (Include in : includes) eligible.add(candidates(in));
        ctes.add("\"eligible\" as (" + String.join("\n  union all\n  ", eligible) + ")");
        if (!suppress.isEmpty()) {
            List<String> lists = new ArrayList<>();
            for (Suppress s : suppress) lists.add(suppressed(s));
            ctes.add("\"suppressed\" as (" + String.join("\n  union all\n  ", lists) + ")");
        }
        String notSuppressed = suppress.isEmpty() ? "" : " where not exists (select 1 from \"suppressed\" as \"s\" where "
                + "\"s\".\"entity_id\" = \"e\".\"entity_id\")";
        ctes.add("\"candidates\" as (select \"entity_id\", \"priority\", \"score\", \"explanation\" from (select "
                + "\"e\".\"entity_id\", \"e\".\"priority\", \"e\".\"score\", \"e\".\"explanation\", row_number() over "
                + "(partition by \"e\".\"entity_id\", \"e\".\"priority\" order by " + byScore("e") + ", \"e\".\"explanation\") "
                + "as \"pick\" from \"eligible\" as \"e\"" + notSuppressed + ") as \"d\" where \"pick\" = 1)");
        List<String> out = new ArrayList<>();
        for (int k = 1; k <= audiences.size(); k++) {
            AudienceSet.Audience a = audiences.get(k - 1);
            StringBuilder where = new StringBuilder("\"c\".\"priority\" = " + k);
            for (int j = 1; j < k; j++) {
                where.append(" and not exists (select 1 from \"a").append(j)
                        .append("\" as \"t\" where \"t\".\"entity_id\" = \"c\".\"entity_id\")");
            }
            String from = " from \"candidates\" as \"c\" where " + where;
            String body = a.cap() == null
                    ? "select \"c\".\"entity_id\", \"c\".\"score\", \"c\".\"explanation\"" + from
                    : "select \"entity_id\", \"score\", \"explanation\" from (select \"c\".\"entity_id\", \"c\".\"score\", "
                    + "\"c\".\"explanation\", row_number() over (order by " + byScore("c") + ", \"c\".\"entity_id\") as "
                    + "\"place\"" + from + ") as \"x\" where \"place\" <= " + a.cap();
            ctes.add("\"a" + k + "\" as (" + body + ")");
            out.add("select \"entity_id\", cast(" + string(a.name()) + " as varchar) as \"segment\", \"score\", "
                    + "\"explanation\" from \"a" + k + "\"");
        }
        return "with " + String.join(",\n", ctes) + "\n" + String.join("\nunion all\n", out);
    }

    /** Highest score first, missing scores last (portable: no NULLS LAST). */
    private static String byScore(String alias) {
        String s = "\"" + alias + "\".\"score\"";
        return "case when " + s + " is null then 1 else 0 end, " + s + " desc";
    }

    private static String candidates(Include in) {
        StringBuilder explanation = new StringBuilder("case \"m\".\"segment\"");
        String prefix = "{\"audience\":" + json(in.audience()) + ",\"segmentation\":" + json(in.from().name());
        for (String g : in.groups()) {
            explanation.append(" when ").append(string(g)).append(" then ")
                    .append(string(prefix + ",\"group\":" + json(g) + "}"));
        }
        explanation.append(" else ").append(string(prefix + "}")).append(" end");
        String explained = in.groups().isEmpty() ? string(prefix + "}") : explanation.toString();
        return "select \"m\".\"entity_id\", " + in.priority() + " as \"priority\", cast(\"m\".\"score\" as double) as "
                + "\"score\", cast(" + explained + " as varchar) as \"explanation\" from "
                + in.from().asInput().sqlName() + " as \"m\"" + groupFilter(in.groups());
    }

    private static String suppressed(Suppress s) {
        if (s.segmentation() != null) {
            return "select \"m\".\"entity_id\" from " + s.segmentation().asInput().sqlName() + " as \"m\""
                    + groupFilter(s.groups());
        }
        return "select \"t\"." + ident(s.key()) + " as \"entity_id\" from " + s.relation().sqlName()
                + " as \"t\" where coalesce((" + s.where() + "), false)";
    }

    private static String groupFilter(List<String> groups) {
        if (groups.isEmpty()) return "";
        return " where \"m\".\"segment\" in (" + String.join(", ", groups.stream().map(g -> string(g)).toList()) + ")";
    }
}
