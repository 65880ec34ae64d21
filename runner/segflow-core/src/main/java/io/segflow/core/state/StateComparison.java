package io.segflow.core.state;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.graph.StateMatcher;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The current compile's node states against a previous run's. {@code new}: not in the previous run;
 * {@code modified}: new, or any part of its fingerprint differs; {@code modified.<kind>}: was there and that part
 * differs (see {@link StateKind}). The whole fingerprint also covers where rows live and the segflow version, so a
 * CI run writing to its own schema compares by parts, not by it.
 */
public final class StateComparison implements StateMatcher {
    private final StateManifest previous;
    private final Map<String, NodeState> current;

    public StateComparison(StateManifest previous, Map<String, NodeState> current) {
        this.previous = previous;
        this.current = Map.copyOf(current);
    }

    public StateManifest previous() {
        return previous;
    }

    @Override
    public Set<String> matching(String criterion) {
        Set<String> out = new TreeSet<>();
        if (criterion.equals("new")) {
            current.keySet().stream().filter(id -> previous.node(id).isEmpty()).forEach(out::add);
        } else if (criterion.equals("modified")) {
            current.forEach((id, now) -> { if (modified(id, now)) out.add(id); });
        } else if (criterion.startsWith("modified.")) {
            String label = criterion.substring("modified.".length());
            StateKind kind = StateKind.of(label).orElseThrow(() -> unknown(criterion));
            current.forEach((id, now) -> previous.node(id).filter(was -> kind.differs(was, now)).ifPresent(w -> out.add(id)));
        } else {
            throw unknown(criterion);
        }
        return out;
    }

    /** Which parts of {@code id} changed (empty when unchanged; all of them for a new node). */
    public Set<String> changes(String id) {
        NodeState now = current.get(id);
        Optional<NodeState> was = previous.node(id);
        Set<String> out = new TreeSet<>();
        if (now == null) return out;
        if (was.isEmpty()) return Set.of("new");
        for (StateKind k : StateKind.values()) if (k.differs(was.get(), now)) out.add(k.label());
        return out;
    }

    private boolean modified(String id, NodeState now) {
        Optional<NodeState> was = previous.node(id);
        return was.isEmpty() || !changes(id).isEmpty();
    }

    private static DiagnosticException unknown(String criterion) {
        return new DiagnosticException(Diagnostic.error(ErrorCode.SELECTOR, null,
                "invalid selector 'state:" + criterion + "'",
                "use state:new, state:modified or state:modified." + String.join("|", StateKind.labels())));
    }
}
