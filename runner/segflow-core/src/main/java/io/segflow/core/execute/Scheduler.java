package io.segflow.core.execute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs actions in dependency order on {@code threads} workers. Ready actions start in the order given
 * (callers pass a topological order with tests first), so results are deterministic with one thread.
 * A failed or skipped action skips every action waiting for it, transitively; the rest go on.
 */
public final class Scheduler {
    private Scheduler() {
    }

    public static List<NodeResult> run(List<NodeAction> actions, int threads, RunListener listener) {
        return run(actions, threads, listener, false);
    }

    /**
     * With {@code failFast}, the first error or failing test stops the run: nodes already running finish, every
     * node not yet started is reported skipped.
     */
    public static List<NodeResult> run(List<NodeAction> actions, int threads, RunListener listener, boolean failFast) {
        Map<String, NodeAction> byId = new LinkedHashMap<>();
        actions.forEach(a -> byId.put(a.id(), a));
        Map<String, NodeResult> done = new HashMap<>();
        Set<String> running = new HashSet<>();
        List<NodeResult> ordered = new ArrayList<>();
        int total = actions.size();
        listener.started(total);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "segflow-worker");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<NodeResult> completions = new ExecutorCompletionService<>(pool);
        String stoppedBy = null;
        try {
            while (done.size() < total) {
                boolean progressed = true;
                while (progressed) {
                    progressed = false;
                    for (NodeAction a : byId.values()) {
                        if (done.containsKey(a.id()) || running.contains(a.id())) continue;
                        Set<String> waits = new HashSet<>(a.waitsFor());
                        waits.retainAll(byId.keySet());
                        String skip = null;
                        if (stoppedBy != null) {
                            skip = "skipped: --fail-fast after " + stoppedBy + " failed";
                        } else if (waits.stream().anyMatch(w -> done.containsKey(w) && blocks(done.get(w)))) {
                            String why = waits.stream().filter(w -> done.containsKey(w) && blocks(done.get(w)))
                                    .sorted().findFirst().orElse("?");
                            skip = "skipped because " + why + " did not succeed";
                        }
                        if (skip != null) {
                            NodeResult skipped = new NodeResult(a.id(), a.name(), NodeStatus.SKIPPED, null, null, 0, 0, skip);
                            done.put(a.id(), skipped);
                            ordered.add(skipped);
                            listener.nodeFinished(ordered.size(), total, skipped);
                            progressed = true;
                        } else if (waits.stream().allMatch(done::containsKey) && running.size() < threads) {
                            running.add(a.id());
                            listener.nodeStarted(ordered.size() + running.size(), total, a.id());
                            completions.submit(() -> safeRun(a));
                            progressed = true;
                        }
                    }
                }
                if (running.isEmpty()) break;
                Future<NodeResult> f = completions.take();
                NodeResult r = f.get();
                running.remove(r.id());
                done.put(r.id(), r);
                ordered.add(r);
                listener.nodeFinished(ordered.size(), total, r);
                if (failFast && stoppedBy == null && r.status().isFailure()) stoppedBy = r.id();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("run interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return ordered;
    }

    private static boolean blocks(NodeResult r) {
        return r.status() == NodeStatus.ERROR || r.status() == NodeStatus.FAIL || r.status() == NodeStatus.SKIPPED;
    }

    private static NodeResult safeRun(NodeAction a) {
        long start = System.nanoTime();
        try {
            return a.run();
        } catch (RuntimeException e) {
            double secs = (System.nanoTime() - start) / 1e9;
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new NodeResult(a.id(), a.name(), NodeStatus.ERROR, null, null, 0, secs, msg);
        }
    }
}
