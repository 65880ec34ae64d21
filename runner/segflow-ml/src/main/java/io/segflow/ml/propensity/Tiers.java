package io.segflow.ml.propensity;

import io.segflow.ml.sqlgen.SqlFeatures;
import java.util.List;

/** Turns scores into segment names: a threshold (e.g. churn probability > 0.75) or quantile tiers (NTILE). */
public final class Tiers {
    private Tiers() {
    }

    /** {@code CASE WHEN score > threshold THEN 'above' ELSE 'below' END} (NULL scores get NULL). */
    public static String thresholdSql(String scoreSql, double threshold, String above, String below) {
        return "CASE WHEN " + scoreSql + " > " + SqlFeatures.literal(threshold) + " THEN " + text(above)
                + " WHEN " + scoreSql + " <= " + SqlFeatures.literal(threshold) + " THEN " + text(below) + " END";
    }

    public static String threshold(double score, double threshold, String above, String below) {
        return Double.isNaN(score) ? null : score > threshold ? above : below;
    }

    /**
     * Equal-count tiers over the scored rows, highest scores first: with names [high, medium, low] the top third
     * is "high". Equal scores are ordered by {@code tieBreakSql} (the entity id), so that an unchanged re-run puts
     * every entity in the same tier. A window function, so it belongs in a SELECT list over the scored relation.
     */
    public static String quantileTiersSql(String scoreSql, String tieBreakSql, List<String> namesHighToLow) {
        StringBuilder sb = new StringBuilder("CASE NTILE(" + namesHighToLow.size() + ") OVER (ORDER BY " + scoreSql
                + " DESC, " + tieBreakSql + ")");
        for (int i = 0; i < namesHighToLow.size(); i++) {
            sb.append(" WHEN ").append(i + 1).append(" THEN ").append(text(namesHighToLow.get(i)));
        }
        return sb.append(" END").toString();
    }

    /**
     * The same tiers in Java: NTILE semantics (the first {@code n mod k} tiers get one extra row); equal scores keep
     * their index order (the sort is stable), as the SQL orders them by entity id.
     */
    public static String[] quantileTiers(double[] scores, List<String> namesHighToLow) {
        Integer[] order = new Integer[scores.length];
        java.util.Arrays.setAll(order, i -> i);
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int k = namesHighToLow.size();
        int n = scores.length;
        String[] out = new String[n];
        int base = n / k;
        int extra = n % k;
        int pos = 0;
        for (int t = 0; t < k; t++) {
            int size = base + (t < extra ? 1 : 0);
            for (int c = 0; c < size; c++) {
                out[order[pos++]] = namesHighToLow.get(t);
            }
        }
        return out;
    }

    private static String text(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
