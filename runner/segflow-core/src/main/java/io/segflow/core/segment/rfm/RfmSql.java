package io.segflow.core.segment.rfm;

import static io.segflow.core.segment.SegmentSql.ident;
import static io.segflow.core.segment.SegmentSql.json;
import static io.segflow.core.segment.SegmentSql.jsonNumber;
import static io.segflow.core.segment.SegmentSql.string;

import io.segflow.core.segment.InputRelation;
import java.util.List;

/**
 * RFM SQL in neutral syntax. Per customer: recency_days (whole days from the last transaction to the
 * analysis date), frequency (number of transactions), monetary (sum of amounts). Scores 1..n:
 * <ul>
 *   <li>{@code quantile}: the R rfm package's rule. Inner edges are R type-7 quantiles at k/n plus one
 *   (k = 1..n-1), computed with ROW_NUMBER/COUNT windows rather than PERCENTILE_CONT so the same SQL runs on
 *   DuckDB, Snowflake and BigQuery: with the values sorted, h = (count - 1) * k/n, and the quantile is
 *   x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]) (0-based); bin k is the half-open interval [edge(k-1), edge(k)) with edge(0) = min
 *   and edge(n) = max + 1. Equal values always share a bin; equal edges leave a bin empty. Frequency and
 *   monetary score = bin; recency is reversed (score = n + 1 - bin). Explicit thresholds replace the
 *   quantile edges (no +1).</li>
 *   <li>{@code ntile}: NTILE(n) over the values (recency descending), ties broken by entity id: bins
 *   have equal sizes (±1) and equal values may be split.</li>
 * </ul>
 */
final class RfmSql {
    /** Bins of one dimension: a count, or explicit inner thresholds (then count = thresholds + 1). */
    record Bins(int count, List<Double> thresholds) {
    }

    private RfmSql() {
    }

    /** WITH ... "scored": entity_id, recency_days, frequency, monetary, r, f, m. */
    static String scored(InputRelation in, String customer, String date, String amount, String analysisDate,
                         boolean quantile, Bins r, Bins f, Bins m) {
        String asOf = analysisDate == null ? "current_date" : "date " + string(analysisDate);
        StringBuilder sb = new StringBuilder("with \"agg\" as (\n  select \"t\".").append(ident(customer))
                .append(" as \"entity_id\",\n    cast(date_diff('day', cast(max(\"t\".").append(ident(date))
                .append(") as date), ").append(asOf).append(") as double) as \"recency_days\",\n")
                .append("    cast(count(*) as double) as \"frequency\",\n    cast(sum(\"t\".").append(ident(amount))
                .append(") as double) as \"monetary\"\n  from ").append(in.sqlName()).append(" as \"t\"\n  group by \"t\".")
                .append(ident(customer)).append(")");
        if (quantile) {
            sb.append(edges("recency_days", "r", r)).append(edges("frequency", "f", f)).append(edges("monetary", "m", m));
            sb.append(",\n\"scored\" as (\n  select \"a\".*,\n    ")
                    .append(binCase("recency_days", "r", r, true)).append(" as \"r\",\n    ")
                    .append(binCase("frequency", "f", f, false)).append(" as \"f\",\n    ")
                    .append(binCase("monetary", "m", m, false)).append(" as \"m\"\n  from \"agg\" as \"a\""
                            + " cross join \"edges_r\" as \"er\" cross join \"edges_f\" as \"ef\""
                            + " cross join \"edges_m\" as \"em\")");
        } else {
            sb.append(",\n\"scored\" as (\n  select \"a\".*,\n    ntile(").append(r.count())
                    .append(") over (order by \"recency_days\" desc, \"entity_id\") as \"r\",\n    ntile(").append(f.count())
                    .append(") over (order by \"frequency\", \"entity_id\") as \"f\",\n    ntile(").append(m.count())
                    .append(") over (order by \"monetary\", \"entity_id\") as \"m\"\n  from \"agg\" as \"a\")");
        }
        return sb.toString();
    }

    /** CTEs "ranked_&lt;prefix&gt;" (value, 1-based rank, count) and "edges_&lt;prefix&gt;" (one row: edge columns). */
    private static String edges(String column, String prefix, Bins b) {
        StringBuilder sb = new StringBuilder(",\n\"ranked_").append(prefix).append("\" as (\n  select \"")
                .append(column).append("\" as \"x\", row_number() over (order by \"").append(column)
                .append("\") as \"rn\", count(*) over () as \"n\" from \"agg\")");
        sb.append(",\n\"edges_").append(prefix).append("\" as (\n  select ");
        int n = b.count();
        for (int k = 1; k < n; k++) {
            if (k > 1) sb.append(",\n    ");
            String edge;
            if (b.thresholds() != null) {
                edge = "cast(" + b.thresholds().get(k - 1) + " as double) + 0 * count(*)";
            } else {
                String h = "(\"n\" - 1) * cast(" + ((double) k / n) + " as double)";
                String lo = "min(case when \"rn\" = floor(" + h + ") + 1 then \"x\" end)";
                String hi = "coalesce(min(case when \"rn\" = floor(" + h + ") + 2 then \"x\" end), " + lo + ")";
                edge = lo + " + max(" + h + " - floor(" + h + ")) * (" + hi + " - " + lo + ") + 1";
            }
            sb.append(edge).append(" as \"").append(prefix).append(k).append('"');
        }
        if (n == 1) sb.append("count(*) as \"").append(prefix).append("_n\"");
        return sb.append("\n  from \"ranked_").append(prefix).append("\")").toString();
    }

    private static String binCase(String column, String prefix, Bins b, boolean reversed) {
        int n = b.count();
        if (n == 1) return "1";
        StringBuilder sb = new StringBuilder("case");
        for (int k = 1; k < n; k++) {
            int score = reversed ? n + 1 - k : k;
            sb.append(" when \"a\".\"").append(column).append("\" < \"e").append(prefix).append("\".\"").append(prefix).append(k)
                    .append("\" then ").append(score);
        }
        return sb.append(" else ").append(reversed ? 1 : n).append(" end").toString();
    }

    static String membership(String scored, List<RfmPresets.Group> groups, String elseName) {
        StringBuilder seg = new StringBuilder("case");
        for (RfmPresets.Group g : groups) {
            seg.append(" when \"r\" between ").append(g.rLo()).append(" and ").append(g.rHi())
                    .append(" and \"f\" between ").append(g.fLo()).append(" and ").append(g.fHi())
                    .append(" and \"m\" between ").append(g.mLo()).append(" and ").append(g.mHi())
                    .append(" then ").append(string(g.name()));
        }
        seg.append(elseName == null ? " end" : " else " + string(elseName) + " end");
        String explanation = string("{" + json("recency_days") + ":") + " || " + jsonNumber("\"recency_days\"")
                + " || " + string("," + json("frequency") + ":") + " || " + jsonNumber("\"frequency\"")
                + " || " + string("," + json("monetary") + ":") + " || " + jsonNumber("\"monetary\"")
                + " || " + string("," + json("r") + ":") + " || cast(\"r\" as varchar)"
                + " || " + string("," + json("f") + ":") + " || cast(\"f\" as varchar)"
                + " || " + string("," + json("m") + ":") + " || cast(\"m\" as varchar) || '}'";
        return scored + "\nselect \"entity_id\", \"segment\", \"score\", \"explanation\" from (\n  select \"entity_id\", cast("
                + seg + " as varchar) as \"segment\",\n    cast(\"r\" * 100 + \"f\" * 10 + \"m\" as double) as \"score\",\n    cast("
                + explanation + " as varchar) as \"explanation\"\n  from \"scored\") as \"s\""
                + (elseName == null ? "\nwhere \"segment\" is not null" : "");
    }

    static String profile(String scored) {
        return scored + "\nselect \"entity_id\", \"recency_days\", \"frequency\", \"monetary\", "
                + "cast(\"r\" as double) as \"recency_score\", cast(\"f\" as double) as \"frequency_score\", "
                + "cast(\"m\" as double) as \"monetary_score\" from \"scored\"";
    }
}
