package io.segflow.core.render;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;

/**
 * Finds a Jinja <code>{{</code> or <code>{%</code> whose closing delimiter never comes before the next opening one
 * (or the end of the file). Jinjava would read on into the next tag and report a confusing parse error far away, or
 * pass the text through for Calcite to reject as an SQL syntax error; this names the tag that was left open.
 */
final class UnclosedTags {
    private UnclosedTags() {
    }

    static void check(String template, Path file) {
        if (template.contains("{% raw") || template.contains("{%- raw")) return;
        int i = 0;
        while (true) {
            int open = nextOpening(template, i);
            if (open < 0) return;
            char kind = template.charAt(open + 1);
            if (kind == '#') {
                int end = template.indexOf("#}", open + 2);
                if (end < 0) throw unclosed(template, file, open, "{#", "#}");
                i = end + 2;
                continue;
            }
            String close = kind == '{' ? "}}" : "%}";
            int end = template.indexOf(close, open + 2);
            int next = nextOpening(template, open + 2);
            if (end < 0 || (next >= 0 && next < end)) {
                throw unclosed(template, file, open, "{" + kind, close);
            }
            i = end + 2;
        }
    }

    private static int nextOpening(String t, int from) {
        for (int i = t.indexOf('{', from); i >= 0 && i + 1 < t.length(); i = t.indexOf('{', i + 1)) {
            char c = t.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') return i;
        }
        return -1;
    }

    private static DiagnosticException unclosed(String template, Path file, int offset, String open, String close) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (template.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new DiagnosticException(Diagnostic.error(ErrorCode.TEMPLATE_SYNTAX,
                new SourcePosition(file, line, offset - lineStart + 1),
                "'" + open + "' is never closed", "add the matching '" + close
                        + "' before the next Jinja tag (or the end of the file)"));
    }
}
