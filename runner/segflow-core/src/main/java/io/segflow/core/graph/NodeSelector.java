package io.segflow.core.graph;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.Suggestions;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt-style node selection. A selector is one of {@code name}, {@code tag:x}, {@code path:dir/or/file},
 * {@code type:feature|segment}, {@code test_type:unit|data} (fixture tests / tests on built relations), optionally wrapped in graph operators: {@code +x} adds ancestors,
 * {@code x+} descendants ({@code 2+x} / {@code x+1} limit the depth). Space-separated selectors are
 * a union; comma-joined ones ({@code tag:core,+churn}) an intersection. Excludes are applied last.
 * {@code state:modified} / {@code state:new} / {@code state:modified.body} compare with a previous run
 * through a {@link StateMatcher} (only when one is given, i.e. with {@code --state}).
 */
public final class NodeSelector {
    private static final Pattern GRAPH = Pattern.compile("^(\\d*\\+)?(.+?)(\\+\\d*)?$");

    private NodeSelector() {
    }

    /** Selected node ids in topological order. An empty {@code select} list means every node. */
    public static List<String> select(Dag dag, List<String> select, List<String> exclude) {
        return select(dag, select, exclude, null);
    }

    /** As {@link #select(Dag, List, List)}, with {@code state:} selectors answered by {@code state} (may be null). */
    public static List<String> select(Dag dag, List<String> select, List<String> exclude, StateMatcher state) {
        Set<String> chosen = new HashSet<>();
        if (select == null || select.isEmpty()) {
            dag.nodes().forEach(n -> chosen.add(n.id()));
        } else {
            for (String s : split(select)) chosen.addAll(evaluate(dag, s, state));
        }
        if (exclude != null) {
            for (String s : split(exclude)) chosen.removeAll(evaluate(dag, s, state));
        }
        return dag.topologicalOrder().stream().map(GraphNode::id).filter(chosen::contains).toList();
    }

    private static List<String> split(List<String> args) {
        return args.stream().flatMap(a -> List.of(a.trim().split("\\s+")).stream()).filter(s -> !s.isEmpty()).toList();
    }

    private static Set<String> evaluate(Dag dag, String selector, StateMatcher state) {
        Set<String> result = null;
        for (String part : selector.split(",")) {
            Set<String> one = evaluateOne(dag, part.trim(), state);
            if (result == null) result = one; else result.retainAll(one);
        }
        return result == null ? Set.of() : result;
    }

    private static Set<String> evaluateOne(Dag dag, String selector, StateMatcher state) {
        Matcher m = GRAPH.matcher(selector);
        if (!m.matches()) throw bad(selector, "empty selector");
        Set<String> base = matchBase(dag, m.group(2), selector, state);
        Set<String> out = new LinkedHashSet<>(base);
        if (m.group(1) != null) for (String id : base) out.addAll(limited(dag, id, depth(m.group(1)), true));
        if (m.group(3) != null) for (String id : base) out.addAll(limited(dag, id, depth(m.group(3)), false));
        return out;
    }

    private static int depth(String op) {
        String digits = op.replace("+", "");
        return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private static Set<String> limited(Dag dag, String start, int depth, boolean up) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> frontier = Set.of(start);
        for (int d = 0; d < depth && !frontier.isEmpty(); d++) {
            Set<String> next = new LinkedHashSet<>();
            for (String id : frontier) {
                for (String n : up ? dag.parents(id) : dag.children(id)) if (seen.add(n)) next.add(n);
            }
            frontier = next;
        }
        return seen;
    }

    private static Set<String> matchBase(Dag dag, String base, String whole, StateMatcher state) {
        Set<String> out = new LinkedHashSet<>();
        int colon = base.indexOf(':');
        String method = colon < 0 ? "name" : base.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = colon < 0 ? base : base.substring(colon + 1);
        if (method.equals("state")) {
            if (state == null) throw bad(whole, "state: selectors compare with a previous run; pass --state DIR");
            Set<String> matching = state.matching(value);
            dag.nodes().stream().map(GraphNode::id).filter(matching::contains).forEach(out::add);
            return out;
        }
        TestType wantedTestType = method.equals("test_type") ? testType(value, whole) : null;
        for (GraphNode n : dag.nodes()) {
            boolean hit = switch (method) {
                case "name" -> n.name().equals(value) || n.id().equals(value);
                case "tag" -> n.tags().contains(value);
                case "path" -> n.path() != null && matchesPath(n.path().toString().replace('\\', '/'), value);
                case "type" -> n.kind().name().equalsIgnoreCase(value);
                case "test_type" -> n.testType() == wantedTestType;
                default -> throw bad(whole, "unknown selector method '" + method + "'");
            };
            if (hit) out.add(n.id());
        }
        if (out.isEmpty() && method.equals("name")) {
            List<String> names = dag.nodes().stream().map(GraphNode::name).toList();
            String guess = Suggestions.didYouMean(value, names);
            throw bad(whole, "no feature or segment named '" + value + "'" + (guess == null ? "" : "; " + guess));
        }
        return out;
    }

    private static TestType testType(String value, String whole) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "unit" -> TestType.UNIT;
            case "data" -> TestType.DATA;
            default -> throw bad(whole, "test_type is 'unit' (fixture tests such as expected_members) or 'data'");
        };
    }

    private static boolean matchesPath(String nodePath, String value) {
        String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        return nodePath.equals(v) || nodePath.startsWith(v + "/");
    }

    private static DiagnosticException bad(String selector, String why) {
        return new DiagnosticException(Diagnostic.error(ErrorCode.SELECTOR, null,
                "invalid selector '" + selector + "': " + why,
                "use name, +name, name+, tag:x, path:features/dir, type:segment, test_type:unit or state:modified"));
    }
}
