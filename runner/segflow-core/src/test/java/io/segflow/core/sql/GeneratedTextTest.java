package io.segflow.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;

/** Expressions embedded in generated text are read where they stand: the whole text's parse has the same there. */
class GeneratedTextTest {
    @Test
    void eachEmbeddedExpressionIsWhatParsingTheWholeTextGivesThere() throws Exception {
        for (int n = 1; n <= 3; n++) {
            GeneratedText text = new GeneratedText().append("select ").embed("(a + 1)").append(" as \"x\"");
            if (n > 1) text.append(",\n  case when ").embed("(b\n  or c like 'x%')").append(" then 1 end as \"y\"");
            if (n > 2) text.append(", cast(").embed("((select max(d) from s))").append(" as double) as \"z\"");
            text.append("\nfrom t");
            List<SqlNode> trees = text.embeddedTrees();
            SqlSelect whole = (SqlSelect) SqlEnvironment.parse(text.sql());
            assertEquals(n, trees.size(), text.sql());
            List<SqlNode> there = new java.util.ArrayList<>();
            there.add(operand(whole, 0, 0));
            if (n > 1) there.add(((SqlNodeList) ((SqlCall) operand(whole, 1, 0)).operand(1)).get(0));
            if (n > 2) there.add(((SqlCall) operand(whole, 2, 0)).operand(0));
            for (int i = 0; i < n; i++) {
                SqlNode expected = there.get(i);
                assertTrue(expected.equalsDeep(trees.get(i), Litmus.IGNORE), trees.get(i) + " vs " + expected);
                assertEquals(span(expected.getParserPosition()), span(trees.get(i).getParserPosition()), text.sql());
            }
        }
    }

    @Test
    void expressionsThatCannotBeReadInPlaceGiveNoTrees() {
        // Babel's syntax, a tab, expressions side by side with no room for a comma, ones that are not whole
        assertNull(new GeneratedText().append("select ").embed("(a::int)").embeddedTrees());
        assertNull(new GeneratedText().append("select ").embed("(a\t+ 1)").embeddedTrees());
        assertNull(new GeneratedText().append("select ").embed("(a)").embed("(b)").embeddedTrees());
        assertNull(new GeneratedText().append("select ").embed("(a").append(" x ").embed("b)").embeddedTrees());
        // parentheses that close outside their expression, though the row of both would parse with two items
        assertNull(new GeneratedText().append("select ").embed("(a + (b)").append(" x ").embed("(c))").embeddedTrees());
        assertEquals(List.of(), new GeneratedText().append("select 1").embeddedTrees());
    }

    private static SqlNode operand(SqlSelect select, int item, int operand) {
        return ((SqlCall) select.getSelectList().get(item)).operand(operand);
    }

    private static String span(SqlParserPos p) {
        return p.getLineNum() + ":" + p.getColumnNum() + "-" + p.getEndLineNum() + ":" + p.getEndColumnNum();
    }
}
