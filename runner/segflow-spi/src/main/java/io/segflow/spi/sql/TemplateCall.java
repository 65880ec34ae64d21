package io.segflow.spi.sql;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Builds calls whose text is a template: {@code "DATE_DIFF({1}, {0}, DAY)"} prints operand 1, then 0, between
 * fixed text. Used for target functions Calcite cannot express (argument order, unit keywords, suffixes).
 */
public final class TemplateCall {
    private TemplateCall() {
    }

    /** A call that unparses as {@code template} with {@code {i}} replaced by operand {@code i}. */
    public static SqlCall of(String template, SqlParserPos pos, SqlNode... operands) {
        return new Operator(template).createCall(pos, operands);
    }

    private static final class Operator extends SqlSpecialOperator {
        private final String template;

        Operator(String template) {
            super("TEMPLATE", SqlKind.OTHER_FUNCTION, 100);
            this.template = template;
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            List<SqlNode> operands = call.getOperandList();
            StringBuilder text = new StringBuilder();
            int i = 0;
            boolean afterOperand = false;
            while (i < template.length()) {
                char c = template.charAt(i);
                int close = c == '{' ? template.indexOf('}', i) : -1;
                if (close > i + 1 && template.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                    flush(writer, text, afterOperand);
                    afterOperand = true;
                    SqlNode operand = operands.get(Integer.parseInt(template.substring(i + 1, close)));
                    operand.unparse(writer, 0, 0);
                    i = close + 1;
                } else {
                    text.append(c);
                    i++;
                }
            }
            flush(writer, text, afterOperand);
            writer.setNeedWhitespace(true);
        }

        /** Prints fixed text; after an operand the template's own spacing applies, not the writer's. */
        private static void flush(SqlWriter writer, StringBuilder text, boolean afterOperand) {
            if (text.length() == 0) return;
            if (afterOperand) writer.setNeedWhitespace(false);
            writer.print(text.toString());
            writer.setNeedWhitespace(false);
            text.setLength(0);
        }
    }
}
