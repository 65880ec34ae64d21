package io.segflow.core.graph;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The project graph: immutable, acyclic (construction fails with the whole cycle printed), with a
 * deterministic topological order (ties broken by id) so runs and artifacts are reproducible.
 */
public final class Dag {
    private final Map<String, GraphNode> nodes;
    private final Map<String, Set<String>> children;
    private final List<GraphNode> order;

    private Dag(Map<String, GraphNode> nodes, Map<String, Set<String>> children, List<String> order) {
        this.nodes = nodes;
        this.children = children;
        this.order = order.stream().map(nodes::get).toList();
    }

    /** Builds the graph. Dependencies on ids not in {@code nodes} are ignored (e.g. sources kept outside). */
    public static Dag of(Collection<GraphNode> input) {
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        input.stream().sorted((a, b) -> a.id().compareTo(b.id())).forEach(n -> nodes.put(n.id(), n));
        // nodes come in id order, so each child set fills in id order too
        Map<String, Set<String>> children = new HashMap<>();
        for (GraphNode n : nodes.values()) children.put(n.id(), new LinkedHashSet<>());
        for (GraphNode n : nodes.values()) {
            for (String dep : n.dependsOn()) {
                Set<String> of = children.get(dep);
                if (of != null) of.add(n.id());
            }
        }
        List<String> order = topoSort(nodes, children);
        // Kahn's order leaves out exactly the nodes on or behind a cycle: only then is the cycle looked for
        List<String> cycle = order.size() == nodes.size() ? List.of() : findCycle(nodes);
        if (!cycle.isEmpty()) {
            // the last hop "x -> first" is first's ref(x): the call that closes the loop
            GraphNode first = nodes.get(cycle.get(0));
            SourcePosition where = first.dependencyPositions().getOrDefault(cycle.get(cycle.size() - 2), first.position());
            throw new DiagnosticException(Diagnostic.error(ErrorCode.CYCLE, where,
                    "dependency cycle: " + String.join(" -> ", cycle),
                    "remove one of these ref() calls so the graph has no loop"));
        }
        return new Dag(Collections.unmodifiableMap(nodes), children, order);
    }

    private static List<String> findCycle(Map<String, GraphNode> nodes) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
        for (String start : nodes.keySet()) {
            if (state.containsKey(start)) continue;
            Deque<String> path = new ArrayDeque<>();
            List<String> found = dfs(start, nodes, state, path);
            if (!found.isEmpty()) return found;
        }
        return List.of();
    }

    private static List<String> dfs(String id, Map<String, GraphNode> nodes, Map<String, Integer> state,
                                    Deque<String> path) {
        state.put(id, 1);
        path.addLast(id);
        for (String dep : new TreeSet<>(nodes.get(id).dependsOn())) {
            if (!nodes.containsKey(dep)) continue;
            Integer s = state.get(dep);
            if (s == null) {
                List<String> found = dfs(dep, nodes, state, path);
                if (!found.isEmpty()) return found;
            } else if (s == 1) {
                // path holds id -> ... chain of "depends on"; report it in data-flow order (upstream first)
                List<String> chain = new ArrayList<>(path);
                List<String> loop = new ArrayList<>(chain.subList(chain.indexOf(dep), chain.size()));
                Collections.reverse(loop);
                Collections.rotate(loop, -loop.indexOf(Collections.min(loop)));
                loop.add(loop.get(0));
                return loop;
            }
        }
        path.removeLast();
        state.put(id, 2);
        return List.of();
    }

    /** Kahn's algorithm, the smallest id first among the ready nodes; ids are numbered in order to compare cheaply. */
    private static List<String> topoSort(Map<String, GraphNode> nodes, Map<String, Set<String>> children) {
        List<String> ids = new ArrayList<>(nodes.keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) index.put(ids.get(i), i);
        int[] indegree = new int[ids.size()];
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < ids.size(); i++) {
            for (String dep : nodes.get(ids.get(i)).dependsOn()) if (index.containsKey(dep)) indegree[i]++;
            if (indegree[i] == 0) ready.add(i);
        }
        List<String> out = new ArrayList<>(ids.size());
        while (!ready.isEmpty()) {
            String id = ids.get(ready.poll());
            out.add(id);
            for (String c : children.get(id)) {
                int ci = index.get(c);
                if (--indegree[ci] == 0) ready.add(ci);
            }
        }
        return List.copyOf(out);
    }

    public List<GraphNode> topologicalOrder() {
        return order;
    }

    public Optional<GraphNode> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public Collection<GraphNode> nodes() {
        return nodes.values();
    }

    public Set<String> parents(String id) {
        GraphNode n = nodes.get(id);
        if (n == null) return Set.of();
        Set<String> out = new TreeSet<>(n.dependsOn());
        out.retainAll(nodes.keySet());
        return out;
    }

    public Set<String> children(String id) {
        return Collections.unmodifiableSet(children.getOrDefault(id, Set.of()));
    }

    public Set<String> ancestors(String id) {
        return walk(id, this::parents);
    }

    public Set<String> descendants(String id) {
        return walk(id, this::children);
    }

    private Set<String> walk(String start, java.util.function.Function<String, Set<String>> next) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(next.apply(start));
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (seen.add(id)) todo.addAll(next.apply(id));
        }
        return seen;
    }
}
