package io.segflow.core.diagnostic;

/**
 * One problem found in a project, positioned and explained. {@code code} is stable (e.g. SF103) so
 * that docs and golden tests can refer to it; {@code hint} says how to fix it (may be null).
 */
public record Diagnostic(ErrorCode code, Severity severity, SourcePosition position, String message, String hint) {

    public static Diagnostic error(ErrorCode code, SourcePosition position, String message, String hint) {
        return new Diagnostic(code, Severity.ERROR, position, message, hint);
    }

    public static Diagnostic warning(ErrorCode code, SourcePosition position, String message, String hint) {
        return new Diagnostic(code, Severity.WARNING, position, message, hint);
    }

    /** {@code path:line:col: error[SF103]: message} followed by an indented hint line. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(position == null ? "<project>" : position.toString()).append(": ")
          .append(severity == Severity.ERROR ? "error" : "warning")
          .append('[').append(code.id()).append("]: ").append(message);
        if (hint != null && !hint.isBlank()) sb.append("\n  hint: ").append(hint);
        return sb.toString();
    }
}
