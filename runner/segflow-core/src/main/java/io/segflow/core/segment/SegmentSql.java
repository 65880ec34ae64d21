package io.segflow.core.segment;

import io.segflow.core.test.DataTestSql;
import io.segflow.spi.RelationName;

/** Neutral SQL text helpers: every name and value that came from YAML goes through these. */
public final class SegmentSql {
    private SegmentSql() {
    }

    public static String ident(String name) {
        return DataTestSql.ident(name);
    }

    /** A SQL string literal (quotes doubled). */
    public static String string(String value) {
        return DataTestSql.literal(value == null ? "" : value);
    }

    public static String relation(RelationName r) {
        return (r.database() == null ? "" : ident(r.database()) + ".") + ident(r.schema()) + "." + ident(r.name());
    }

    /** A JSON string (with quotes), escaped for JSON; wrap it with {@link #string} to put it in SQL. */
    public static String json(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /** SQL text of a JSON number or null built from a numeric SQL expression. */
    public static String jsonNumber(String expr) {
        return "coalesce(cast(" + expr + " as varchar), 'null')";
    }
}
