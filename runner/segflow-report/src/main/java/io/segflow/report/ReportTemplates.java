package io.segflow.report;

import com.hubspot.jinjava.Jinjava;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jinjava over templates on the classpath (under {@code io/segflow/report/}). Values are escaped in the templates
 * with {@code |e}; chart SVG is produced (and escaped) in Java and inserted as is.
 */
public final class ReportTemplates {
    private final Jinjava jinjava = new Jinjava();
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** Renders {@code io/segflow/report/<name>} (or a path of a section's own class loader resource). */
    public String render(String name, Map<String, Object> bindings) {
        String template = cache.computeIfAbsent(name, ReportTemplates::load);
        return jinjava.render(template, bindings);
    }

    private static String load(String name) {
        String path = name.contains("/") ? name : "io/segflow/report/" + name;
        try (InputStream in = ReportTemplates.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing report template " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
