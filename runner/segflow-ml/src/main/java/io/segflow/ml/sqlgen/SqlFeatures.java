package io.segflow.ml.sqlgen;

import io.segflow.ml.cluster.Standardizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The model inputs as SQL: one SQL expression per feature (already quoted for the target dialect, e.g. a column
 * name) plus the standardisation applied before the model. Emits plain ANSI arithmetic that DuckDB, Snowflake and
 * BigQuery all accept.
 */
public record SqlFeatures(List<String> columnExpressions, Standardizer standardizer) {
    public SqlFeatures {
        columnExpressions = List.copyOf(columnExpressions);
        if (columnExpressions.size() != standardizer.featureNames().size()) {
            throw new IllegalArgumentException("need one SQL expression per feature");
        }
    }

    /** Features used as-is (no standardisation). */
    public static SqlFeatures raw(List<String> columnExpressions) {
        return new SqlFeatures(columnExpressions, Standardizer.identity(columnExpressions));
    }

    public int size() {
        return columnExpressions.size();
    }

    /** SQL for the model-space value of feature j: {@code ((col - mean) / std)} or just {@code col}. */
    public String scaled(int j) {
        double mean = standardizer.means()[j];
        double std = standardizer.stds()[j];
        String col = columnExpressions.get(j);
        if (mean == 0 && std == 1) {
            return col;
        }
        return "((" + col + " - " + literal(mean) + ") / " + literal(std) + ")";
    }

    /** A double as a SQL numeric literal that parses back to exactly the same double. */
    public static String literal(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot compile non-finite constant " + v + " to SQL");
        }
        String s = Double.toString(v); // shortest round-tripping representation; "1.0E-5" is valid SQL
        return v < 0 ? "(" + s + ")" : s;
    }

    /** Wraps each score expression and picks the index of the smallest (or largest) one; NULL if inputs are NULL. */
    static String argExtreme(List<String> scores, boolean smallest) {
        if (scores.size() == 1) {
            return "0";
        }
        String extreme = (smallest ? "LEAST(" : "GREATEST(") + String.join(", ", scores) + ")";
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) {
            branches.add("WHEN " + scores.get(i) + " THEN " + i);
        }
        // No ELSE: when a feature is NULL every score is NULL and so is the result.
        return "CASE " + extreme + " " + String.join(" ", branches) + " END";
    }
}
