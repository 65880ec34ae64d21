package io.segflow.core.diagnostic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders diagnostics for people:
 * <pre>
 * features/orders.yml:4:7: error[SF101]: unknown key 'materialised' in 'features[0].config'
 *   4 |       materialised: table
 *     |       ^
 *   hint: did you mean 'materialized'?
 * </pre>
 * The source line is read from the project root; it is left out when the file cannot be read.
 */
public final class DiagnosticPrinter {
    private final Path root;

    /** @param root folder that relative diagnostic paths are resolved against */
    public DiagnosticPrinter(Path root) {
        this.root = root;
    }

    public String format(Diagnostic d) {
        StringBuilder sb = new StringBuilder();
        SourcePosition pos = d.position();
        sb.append(pos == null ? "<project>" : pos.toString()).append(": ")
          .append(d.severity() == Severity.ERROR ? "error" : "warning")
          .append('[').append(d.code().id()).append("]: ").append(d.message());
        if (pos != null && pos.file() != null && pos.line() > 0) appendSnippet(sb, pos);
        if (d.hint() != null && !d.hint().isBlank()) sb.append("\n  hint: ").append(d.hint());
        return sb.toString();
    }

    /** Every diagnostic in the given order, separated by blank lines. */
    public String formatAll(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(this::format).collect(Collectors.joining("\n\n"));
    }

    private void appendSnippet(StringBuilder sb, SourcePosition pos) {
        String line = sourceLine(pos);
        if (line == null) return;
        String number = String.valueOf(pos.line());
        String gutter = " ".repeat(number.length());
        sb.append("\n  ").append(number).append(" | ").append(line);
        StringBuilder pad = new StringBuilder();
        int col = Math.max(pos.column(), 1);
        for (int i = 0; i < col - 1 && i < line.length(); i++) pad.append(line.charAt(i) == '\t' ? '\t' : ' ');
        sb.append("\n  ").append(gutter).append(" | ").append(pad).append('^');
    }

    private String sourceLine(SourcePosition pos) {
        Path file = root == null ? pos.file() : root.resolve(pos.file());
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return pos.line() <= lines.size() ? lines.get(pos.line() - 1) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
