package io.segflow.core.diagnostic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of a phase so users see them all in one run, not just the first. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    /** Adds {@code d} unless the same diagnostic is already here (a macro's error reached through two features). */
    public void add(Diagnostic d) {
        if (!items.contains(d)) items.add(d);
    }

    public void addAll(Collection<Diagnostic> ds) {
        ds.forEach(this::add);
    }

    public void error(ErrorCode code, SourcePosition pos, String message, String hint) {
        add(Diagnostic.error(code, pos, message, hint));
    }

    public void warning(ErrorCode code, SourcePosition pos, String message, String hint) {
        add(Diagnostic.warning(code, pos, message, hint));
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    public List<Diagnostic> all() {
        return List.copyOf(items);
    }

    /** Throws a {@link DiagnosticException} holding everything collected when any error is present. */
    public void throwIfErrors() {
        if (hasErrors()) throw new DiagnosticException(sorted());
    }

    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing((Diagnostic d) -> d.position() == null || d.position().file() == null
                        ? "" : d.position().file().toString())
                .thenComparingInt(d -> d.position() == null ? 0 : d.position().line())
                .thenComparingInt(d -> d.position() == null ? 0 : d.position().column()));
        return copy;
    }
}
