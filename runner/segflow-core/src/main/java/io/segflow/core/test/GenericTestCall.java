package io.segflow.core.test;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The template that runs a generic test defined with {@code {% test name(model, column_name, ...) %}}: one call of
 * its macro with the YAML arguments as keyword arguments, as dbt calls them. {@code model} is the tested relation
 * (a filtered subquery when the test has a {@code where}); argument strings that are {@code ref()}/{@code source()}
 * calls are passed as calls, other strings as string literals.
 */
final class GenericTestCall {
    /** Test settings that configure the test rather than being arguments of its macro. */
    static final Set<String> CONFIG_KEYS = Set.of("config", "severity", "where", "column_name", "tags", "meta", "name",
            "limit", "warn_if", "error_if", "store_failures", "enabled");
    private static final Pattern RELATION_CALL = Pattern.compile("\\s*(ref|source)\\s*\\(.*\\)\\s*", Pattern.DOTALL);

    private GenericTestCall() {
    }

    static String template(String macro, String relation, String column, String where, Map<String, Object> args) {
        String model = where == null || where.isBlank() ? relation
                : "(select * from " + relation + " where " + where + ") as dbt_subquery";
        StringBuilder sb = new StringBuilder("{{ ").append(macro).append("(model=").append(literal(model));
        if (column != null) sb.append(", column_name=").append(literal(column));
        args.forEach((k, v) -> {
            if (!CONFIG_KEYS.contains(k)) sb.append(", ").append(k).append("=").append(argument(v));
        });
        return sb.append(") }}").toString();
    }

    private static String argument(Object v) {
        if (v instanceof String s && RELATION_CALL.matcher(s).matches()) return s.strip();
        return literal(v);
    }

    static String literal(Object v) {
        if (v == null) return "none";
        if (v instanceof Boolean b) return b ? "true" : "false";
        if (v instanceof Number) return String.valueOf(v);
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> literal(String.valueOf(e.getKey())) + ": " + argument(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(GenericTestCall::argument).collect(Collectors.joining(", ", "[", "]"));
        }
        return "'" + String.valueOf(v).replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Every string among the arguments (for ref()/source() dependencies). */
    static List<String> strings(Map<String, Object> args) {
        return args.values().stream().flatMap(v -> v instanceof Collection<?> c ? c.stream() : java.util.stream.Stream.of(v))
                .filter(String.class::isInstance).map(String.class::cast).toList();
    }
}
