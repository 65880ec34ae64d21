package io.segflow.core.test;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * SQL for the generic data tests, in the neutral (Calcite, double-quoted) syntax; each query returns
 * the failing rows. Literals from YAML are always quoted and escaped, never spliced raw.
 */
public final class DataTestSql {
    private DataTestSql() {
    }

    public static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public static String literal(Object value) {
        if (value instanceof Number || value instanceof Boolean) return String.valueOf(value);
        return "'" + String.valueOf(value).replace("'", "''") + "'";
    }

    public static String notNull(String relation, String column, String where) {
        return "select * from " + relation + " where " + ident(column) + " is null" + and(where);
    }

    public static String unique(String relation, String column, String where) {
        String c = ident(column);
        return "select " + c + ", count(*) as n_records from " + relation + " where " + c + " is not null"
                + and(where) + " group by " + c + " having count(*) > 1";
    }

    public static String acceptedValues(String relation, String column, Collection<?> values, boolean quote,
                                        String where) {
        String c = ident(column);
        String list = values.stream().map(v -> quote ? literal(String.valueOf(v)) : literal(v))
                .collect(Collectors.joining(", "));
        return "select " + c + " as value_field, count(*) as n_records from " + relation + " where " + c
                + " is not null and " + c + " not in (" + list + ")" + and(where) + " group by " + c;
    }

    public static String relationships(String relation, String column, String parent, String field) {
        return "select child." + ident(column) + " from " + relation + " as child left join " + parent
                + " as parent on child." + ident(column) + " = parent." + ident(field)
                + " where child." + ident(column) + " is not null and parent." + ident(field) + " is null";
    }

    public static String expressionIsTrue(String relation, String expression, String where) {
        return "select * from " + relation + " where not (" + expression + ")" + and(where);
    }

    private static String and(String where) {
        return where == null || where.isBlank() ? "" : " and (" + where + ")";
    }
}
