package io.segflow.core.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

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
     * null when one of them needs Babel or is not one expression in parentheses of its own (a tree spanning exactly
     * its text), or when the text holds a tab or a carriage return (the parser counts their columns otherwise). The
     * whole text is then parsed instead.
     */
    public List<SqlNode> embeddedTrees() {
        String text = sql.toString();
        if (embedded.isEmpty()) return List.of();
        if (text.indexOf('\t') >= 0 || text.indexOf('\r') >= 0) return null;
        // The text with all but the expressions blanked out (lines kept), so that each stays where it is; several are
        // read in one parse as a row, "(e1, e2)", its brackets and commas put in blanks around and between them:
        // a parse begins by resetting a thousand lookahead records, as costly as reading a short expression.
        int end = embedded.get(embedded.size() - 1)[1];
        char[] only = new char[end + 1];
        for (int i = 0; i < end; i++) only[i] = text.charAt(i) == '\n' ? '\n' : ' ';
        only[end] = ' ';
        for (int[] e : embedded) {
            String expression = text.substring(e[0], e[1]);
            if (ParserChoice.needsBabel(expression)) return null;
            expression.getChars(0, expression.length(), only, e[0]);
        }
        List<SqlNode> trees;
        if (embedded.size() == 1) {
            SqlNode tree = ParserChoice.expressionWithCore(new String(only));
            trees = tree == null ? null : List.of(tree);
        } else {
            trees = row(only);
        }
        return trees != null && spansEachExpression(text, trees) ? trees : null;
    }

    private List<SqlNode> row(char[] only) {
        if (!blank(only, embedded.get(0)[0] - 1)) return null;
        only[embedded.get(0)[0] - 1] = '(';
        for (int i = 0; i + 1 < embedded.size(); i++) {
            int after = embedded.get(i)[1];
            if (after >= embedded.get(i + 1)[0] || !blank(only, after)) return null;
            only[after] = ',';
        }
        only[only.length - 1] = ')';
        SqlNode row = ParserChoice.expressionWithCore(new String(only));
        if (!(row instanceof SqlCall call) || call.getKind() != SqlKind.ROW || call.operandCount() != embedded.size()) {
            return null;
        }
        return new ArrayList<>(call.getOperandList());
    }

    /** Whether each tree spans its expression's text exactly, as the parser spans an expression in parentheses. */
    private boolean spansEachExpression(String text, List<SqlNode> trees) {
        int line = 1;
        int lineStart = 0;
        int scanned = 0;
        for (int k = 0; k < embedded.size(); k++) {
            SqlParserPos p = trees.get(k).getParserPosition();
            int[] e = embedded.get(k);
            for (int side = 0; side < 2; side++) {
                boolean start = side == 0;
                int at = start ? e[0] : e[1] - 1;
                for (; scanned < at; scanned++) {
                    if (text.charAt(scanned) == '\n') {
                        line++;
                        lineStart = scanned + 1;
                    }
                }
                if ((start ? p.getLineNum() : p.getEndLineNum()) != line
                        || (start ? p.getColumnNum() : p.getEndColumnNum()) != at - lineStart + 1) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean blank(char[] text, int at) {
        return at >= 0 && text[at] == ' ';
    }
}
