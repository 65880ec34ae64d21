package io.segflow.core.diagnostic;

import java.util.List;
import java.util.stream.Collectors;

/** A user error (exit code 2): the project is wrong, not segflow. Carries every diagnostic found. */
public class DiagnosticException extends RuntimeException {
    private final List<Diagnostic> diagnostics;

    public DiagnosticException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public DiagnosticException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
