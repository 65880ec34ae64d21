package io.segflow.core.sql;

import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.util.NlsString;

/**
 * What a parse tree says, written out compactly for fingerprints: operators, identifiers and literals in tree order,
 * each length-prefixed so that no two different trees give the same text. Comments, layout and keyword case are
 * gone with the parse. Unparsing would give the same guarantees at several times the cost (the pretty writer keeps
 * frames, quoting and spacing for every token), and a compile fingerprints every node.
 */
public final class CanonicalTree {
    private CanonicalTree() {
    }

    /** The canonical text of {@code q}; its rendered SQL when only the text was kept (from the compile cache). */
    public static String of(ValidatedSql q) {
        if (q.parsed() == null) return q.renderedSql();
        StringBuilder sb = new StringBuilder(q.renderedSql().length());
        append(q.parsed(), sb);
        return sb.toString();
    }

    static String of(SqlNode node) {
        StringBuilder sb = new StringBuilder();
        append(node, sb);
        return sb.toString();
    }

    private static void append(SqlNode node, StringBuilder sb) {
        if (node == null) {
            sb.append('~');
        } else if (node instanceof SqlIdentifier id) {
            sb.append('I').append(id.names.size());
            for (String name : id.names) text(name, sb);
        } else if (node instanceof SqlCharStringLiteral lit) {
            NlsString s = lit.getValueAs(NlsString.class);
            sb.append('S');
            text(s.getCharsetName() == null ? "" : s.getCharsetName(), sb);
            text(s.getValue(), sb);
        } else if (node instanceof SqlNumericLiteral lit) {
            sb.append(lit.isExact() ? 'N' : 'A');
            text(lit.toValue(), sb);
        } else if (node instanceof SqlLiteral lit && (lit.getValue() == null || lit.getValue() instanceof Boolean)) {
            sb.append('B').append(lit.getTypeName().ordinal()).append(lit.getValue());
        } else if (node instanceof SqlNodeList list) {
            sb.append('L').append(list.size()).append('(');
            for (SqlNode item : list) append(item, sb);
            sb.append(')');
        } else if (node instanceof SqlCall call) {
            SqlOperator op = call.getOperator();
            sb.append('C');
            // operators print in upper case whatever the case they were written in (COUNT, count)
            text(op.getName().toUpperCase(Locale.ROOT), sb);
            sb.append(op.getKind().ordinal()).append('.').append(op.getSyntax().ordinal());
            if (call instanceof SqlBasicCall basic && basic.getFunctionQuantifier() != null) {
                sb.append('q').append(basic.getFunctionQuantifier().getValue());
            }
            var operands = call.getOperandList();
            sb.append('/').append(operands.size()).append('(');
            for (SqlNode operand : operands) append(operand, sb);
            sb.append(')');
        } else {
            // symbols, date/time and interval literals, type specs, interval qualifiers: rare, printed as written
            sb.append('X').append(node.getClass().getSimpleName());
            text(node instanceof SqlLiteral lit && lit.getValue() instanceof Enum<?> e ? e.getDeclaringClass().getName()
                    + "." + e.name() : node.toString(), sb);
        }
    }

    private static void text(String s, StringBuilder sb) {
        sb.append(s.length()).append(':').append(s);
    }
}
