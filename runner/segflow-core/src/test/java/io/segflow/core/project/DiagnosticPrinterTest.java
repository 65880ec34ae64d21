package io.segflow.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticPrinter;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticPrinterTest {

    @Test
    void printsLocationSourceLineCaretAndHint(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("a.yml"), "name: x\n\tkey: 1\n");
        Diagnostic d = Diagnostic.error(ErrorCode.UNKNOWN_KEY, new SourcePosition(Path.of("a.yml"), 2, 3),
                "unknown key 'key'", "did you mean 'keys'?");
        assertEquals("""
                a.yml:2:3: error[SF101]: unknown key 'key'
                  2 | \tkey: 1
                    | \t ^
                  hint: did you mean 'keys'?""", new DiagnosticPrinter(root).format(d));
    }

    @Test
    void skipsTheSnippetWhenTheFileOrLineIsMissing(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("short.yml"), "one line\n");
        Diagnostic missingFile = Diagnostic.warning(ErrorCode.WAREHOUSE, new SourcePosition(Path.of("gone.yml"), 3, 1),
                "slow query", null);
        Diagnostic pastEnd = Diagnostic.error(ErrorCode.YAML_SYNTAX, new SourcePosition(Path.of("short.yml"), 7, 1),
                "end of stream", "  ");
        Diagnostic noLine = Diagnostic.error(ErrorCode.DUPLICATE_NAME, SourcePosition.of(Path.of("short.yml")),
                "twice", "rename");
        assertEquals("""
                gone.yml:3:1: warning[SF501]: slow query

                short.yml:7:1: error[SF100]: end of stream

                short.yml: error[SF105]: twice
                  hint: rename""", new DiagnosticPrinter(root).formatAll(List.of(missingFile, pastEnd, noLine)));
    }

    @Test
    void lineNumbersWiderThanOneDigitKeepTheGutterAligned(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("f.sql"), "x\n".repeat(11) + "select bad\n");
        Diagnostic d = Diagnostic.error(ErrorCode.SQL_SYNTAX, new SourcePosition(Path.of("f.sql"), 12, 8),
                "unknown column 'bad'", null);
        assertEquals("""
                f.sql:12:8: error[SF300]: unknown column 'bad'
                  12 | select bad
                     |        ^""", new DiagnosticPrinter(root).format(d));
    }
}
