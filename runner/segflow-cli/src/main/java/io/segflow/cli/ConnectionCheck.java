package io.segflow.cli;

import io.segflow.core.project.TargetSpec;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the target and asks it {@code select 1} once before any node runs, so bad credentials fail once, up front,
 * within {@link #LIMIT_SECONDS}, with one message naming the target and the env vars its profile reads, instead of
 * once per node after each node's own timeout.
 */
final class ConnectionCheck {
    static final int LIMIT_SECONDS = 15;
    private static final Pattern ENV = Pattern.compile("env_var\\(\\s*['\"]([A-Za-z_][A-Za-z0-9_]*)['\"]");

    private ConnectionCheck() {
    }

    static WarehouseAdapter open(Workspace ws) {
        TargetSpec t = ws.targetSpec();
        ExecutorService probe = Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "segflow-connection-check");
            th.setDaemon(true);
            return th;
        });
        try {
            Future<WarehouseAdapter> answer = probe.submit(() -> {
                WarehouseAdapter adapter = ws.adapter();
                try (RowStream rows = adapter.query("select 1")) {
                    rows.hasNext();
                }
                return adapter;
            });
            return answer.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw failure(t, "did not answer within " + LIMIT_SECONDS + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof io.segflow.core.diagnostic.DiagnosticException d) throw d;
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse("");
            throw failure(t, "cannot be used: " + why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(t, "check interrupted");
        } finally {
            probe.shutdownNow();
        }
    }

    private static WarehouseException failure(TargetSpec t, String what) {
        Set<String> env = envVars(t);
        String hint = env.isEmpty() ? "" : "; its profile reads " + String.join(", ", env)
                + " (`segflow debug` shows which are set)";
        return new WarehouseException("target '" + t.name() + "' (" + t.type() + ") " + what + hint, null);
    }

    /** The env vars a target's profile settings read through {@code env_var()}. */
    static Set<String> envVars(TargetSpec t) {
        Set<String> out = new TreeSet<>();
        collect(t.settings(), out);
        return out;
    }

    private static void collect(Object value, Set<String> out) {
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, out));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collect(v, out));
        } else if (value != null) {
            Matcher matcher = ENV.matcher(String.valueOf(value));
            while (matcher.find()) out.add(matcher.group(1));
        }
    }
}
