package io.segflow.core.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * The text of a query segflow generates around expressions a definition wrote, kept with where each such
 * expression stands in it. Its {@link #embeddedTrees() trees} are what Calcite's core parser makes of each
 * expression at that place in the whole text (same tree, same positions), so that a generator can build the whole
 * query's tree with {@link GeneratedTrees} instead of having the text parsed: parsing the membership queries of
 * rules segmentations cost as much as a third of parsing the features they read.
 */
public final class GeneratedText {
    private final StringBuilder sql = new StringBuilder();
    private final List<int[]> embedded = new ArrayList<>();

    public GeneratedText append(String text) {
        sql.append(text);
        return this;
    }

    /** Appends an expression a definition wrote, whole and in parentheses of its own (as the parser reads it). */
    public GeneratedText embed(String expression) {
        embedded.add(new int[] {sql.length(), sql.length() + expression.length()});
        sql.append(expression);
        return this;
    }

    public String sql() {
        return sql.toString();
    }

    /**
     * The core parser's tree of each embedded expression, in order, read at its line and column of the whole text;
     * null when one of them needs Babel or does not parse as one expression, or when the text holds a tab or a
     * carriage return (the parser counts their columns otherwise). The whole text is then parsed instead.
     */
    public List<SqlNode> embeddedTrees() {
        String text = sql.toString();
        if (text.indexOf('\t') >= 0 || text.indexOf('\r') >= 0) return null;
        List<SqlNode> trees = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int scanned = 0;
        for (int[] e : embedded) {
            for (; scanned < e[0]; scanned++) {
                if (text.charAt(scanned) == '\n') {
                    line++;
                    lineStart = scanned + 1;
                }
            }
            String expression = text.substring(e[0], e[1]);
            if (ParserChoice.needsBabel(expression)) return null;
            SqlNode tree = ParserChoice.expressionWithCore("\n".repeat(line - 1) + " ".repeat(e[0] - lineStart)
                    + expression);
            if (tree == null) return null;
            trees.add(tree);
        }
        return trees;
    }
}
