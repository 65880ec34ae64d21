package io.segflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticPrinter;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.NodeStatus;
import io.segflow.core.execute.RunListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * All user-facing output. Text mode prints aligned human lines; json mode prints one JSON object per line
 * (for log shippers and schedulers). Errors go to stderr in text mode.
 */
public final class Console implements RunListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean debug;

    public Console(PrintStream out, PrintStream err, String logFormat, boolean debug) {
        this.out = out;
        this.err = err;
        this.json = "json".equalsIgnoreCase(logFormat);
        this.debug = debug;
    }

    public boolean json() {
        return json;
    }

    public void info(String message) {
        if (json) event("info", "message", Map.of("message", message));
        else out.println(CLOCK.format(LocalTime.now()) + "  " + message);
    }

    public void debug(String message) {
        if (!debug) return;
        if (json) event("debug", "message", Map.of("message", message));
        else err.println("debug: " + message);
    }

    /** Plain output (tables, lineage trees) printed as is in text mode, as a "output" event in json mode. */
    public void print(String text) {
        if (json) event("info", "output", Map.of("text", text));
        else out.println(text);
    }

    public void error(String message) {
        if (json) event("error", "error", Map.of("message", message));
        else err.println("error: " + message);
    }

    public void diagnostics(List<Diagnostic> diagnostics, Path projectRoot) {
        diagnostics.forEach(d -> print(d, "error", projectRoot));
        if (!json) {
            long errors = diagnostics.stream().filter(d -> d.severity().name().equals("ERROR")).count();
            err.println(errors + " error" + (errors == 1 ? "" : "s") + " found");
        }
    }

    /** Warnings that do not stop the command: printed without the error count. */
    public void warnings(List<Diagnostic> warnings, Path projectRoot) {
        warnings.forEach(d -> print(d, "warning", projectRoot));
    }

    private void print(Diagnostic d, String level, Path projectRoot) {
        if (json) event(level, "diagnostic", fields(d));
        else err.println(new DiagnosticPrinter(projectRoot).format(d));
    }

    private static Map<String, Object> fields(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", d.code().id());
        m.put("severity", d.severity().name().toLowerCase(Locale.ROOT));
        m.put("position", d.position() == null ? null : d.position().toString());
        m.put("message", d.message());
        m.put("hint", d.hint());
        return m;
    }

    @Override
    public void started(int total) {
        if (json) event("info", "run_started", Map.of("nodes", total));
        else info("running " + total + " node" + (total == 1 ? "" : "s"));
    }

    @Override
    public synchronized void nodeFinished(int index, int total, NodeResult r) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", index);
            m.put("total", total);
            m.put("node", r.id());
            m.put("status", r.status().name().toLowerCase(Locale.ROOT));
            m.put("materialization", r.materialization());
            m.put("relation", r.relation());
            m.put("rows", r.rows());
            m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
            m.put("message", r.message());
            event(r.status().isFailure() ? "error" : "info", "node_finished", m);
            return;
        }
        String width = String.valueOf(total);
        String counter = String.format("%" + width.length() + "d of %s", index, width);
        String detail = switch (r.status()) {
            case SUCCESS -> ExperimentStep.KIND.equals(r.materialization()) ? r.message()
                    : r.materialization() + (r.rows() >= 0 ? String.format(Locale.ROOT, ", %,d rows", r.rows()) : "");
            case PASS -> r.relation() == null ? "pass" : "pass, " + firstLine(r.message()); // stored test failures
            case SKIPPED, ERROR, FAIL, WARN -> r.message() == null ? "" : firstLine(r.message());
        };
        String line = String.format(Locale.ROOT, "%s %-7s %-52s [%s in %.2fs]", counter, label(r.status()),
                r.id(), detail, r.seconds());
        info(line);
    }

    private static String label(NodeStatus s) {
        return switch (s) {
            case SUCCESS, PASS -> "OK";
            case ERROR -> "ERROR";
            case FAIL -> "FAIL";
            case WARN -> "WARN";
            case SKIPPED -> "SKIP";
        };
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public void event(String level, String event, Map<String, ?> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", Instant.now().toString());
        m.put("level", level);
        m.put("event", event);
        m.putAll(fields);
        try {
            out.println(JSON.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            out.println("{\"level\":\"error\",\"event\":\"log_failure\"}");
        }
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }
}
