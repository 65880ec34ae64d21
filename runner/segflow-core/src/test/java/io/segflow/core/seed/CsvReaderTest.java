package io.segflow.core.seed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static CsvOptions options(boolean header, List<String> names, String delimiter, String... nulls) {
        return new CsvOptions(header, names, delimiter, StandardCharsets.UTF_8, Set.of(nulls));
    }

    private static List<String[]> all(CsvReader r) {
        List<String[]> out = new ArrayList<>();
        r.forEachRemaining(out::add);
        return out;
    }

    private static Diagnostic failure(Path f, CsvOptions o) {
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> {
            try (CsvReader r = new CsvReader(f, Path.of(f.getFileName().toString()), o)) {
                all(r);
            }
        });
        return e.diagnostics().get(0);
    }

    @Test
    void readsQuotedFieldsEmbeddedNewlinesAndNulls() throws IOException {
        Path f = write("x.csv", "\uFEFFid,name,note\r\n1,\"Smith, J\",\"said \"\"hi\"\"\"\r\n2,,\"line1\nline2\"\n\n3,\"\",x\n");
        try (CsvReader r = new CsvReader(f)) {
            assertEquals(List.of("id", "name", "note"), r.columns());
            assertArrayEquals(new String[] {"1", "Smith, J", "said \"hi\""}, r.next());
            assertEquals(2, r.lineNumber());
            assertArrayEquals(new String[] {"2", null, "line1\nline2"}, r.next());
            assertEquals(3, r.lineNumber());
            assertArrayEquals(new String[] {"3", "", "x"}, r.next());
            assertEquals(6, r.lineNumber());
            assertFalse(r.hasNext());
        }
    }

    @Test
    void readsGzipAndDelimiterStrings() throws IOException {
        Path f = dir.resolve("x.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("a;b\n1;2\n".getBytes(StandardCharsets.UTF_8));
        }
        try (CsvReader r = new CsvReader(f, f, options(true, List.of(), ";"))) {
            assertArrayEquals(new String[] {"1", "2"}, r.next());
        }
        Path multi = write("m.txt", "a||b\n1||\"x||y\"\n");
        try (CsvReader r = new CsvReader(multi, multi, options(true, List.of(), "||"))) {
            assertArrayEquals(new String[] {"1", "x||y"}, r.next());
        }
    }

    @Test
    void whitespaceSplitsOnRunsOfSpacesAndTabsOutsideQuotes() throws IOException {
        Path f = write("w.txt", " id  date\tcds \r\n 00001 19970101\t 1 \r\n\t\"a\tb c\"  \"\"   7\r\n   \r\n");
        try (CsvReader r = new CsvReader(f, f, options(true, List.of(), CsvOptions.WHITESPACE))) {
            assertEquals(List.of("id", "date", "cds"), r.columns());
            assertArrayEquals(new String[] {"00001", "19970101", "1"}, r.next());
            assertArrayEquals(new String[] {"a\tb c", "", "7"}, r.next());
            assertEquals(3, r.lineNumber());
            assertFalse(r.hasNext());
        }
    }

    @Test
    void withoutHeaderEveryLineIsDataAndNamesComeFromTheConfig() throws IOException {
        Path f = write("n.csv", "NA,a\n2,NA\n");
        try (CsvReader r = new CsvReader(f, f, options(false, List.of("id", "code"), ",", "NA"))) {
            assertEquals(List.of("id", "code"), r.columns());
            List<String[]> rows = all(r);
            assertEquals(2, rows.size());
            assertArrayEquals(new String[] {null, "a"}, rows.get(0));
            assertArrayEquals(new String[] {"2", null}, rows.get(1));
        }
        try (CsvReader r = new CsvReader(f, f, options(false, List.of(), ","))) {
            assertEquals(List.of("column_1", "column_2"), r.columns());
        }
    }

    @Test
    void raggedRowsAreErrorsAtTheirLine() throws IOException {
        Path longer = write("long.csv", "a,b\n1,2\n3,4,5\n");
        Diagnostic d = failure(longer, CsvOptions.defaults());
        assertEquals(ErrorCode.CSV_FORMAT, d.code());
        assertEquals("long.csv:3:1", d.position().toString());
        assertTrue(d.message().contains("has 3 fields but there are 2 columns"), d.message());
        Diagnostic shorter = failure(write("short.csv", "a,b\n1,2\n\n3\n"), CsvOptions.defaults());
        assertEquals("short.csv:4:1", shorter.position().toString());
        Diagnostic names = failure(write("names.csv", "1,2,3\n"), options(false, List.of("a", "b"), ","));
        assertEquals("names.csv:1:1", names.position().toString());
    }

    @Test
    void badQuotingIsAnErrorWhereTheRecordStarts() throws IOException {
        Diagnostic open = failure(write("open.csv", "a\n1\n\"oops\n2\n"), CsvOptions.defaults());
        assertEquals(ErrorCode.CSV_FORMAT, open.code());
        assertEquals("open.csv:3:1", open.position().toString());
        Diagnostic trailing = failure(write("trail.csv", "a,b\n\"x\"y,2\n"), CsvOptions.defaults());
        assertEquals("trail.csv:2:1", trailing.position().toString());
        assertTrue(trailing.message().startsWith("bad quoting"), trailing.message());
    }

    @Test
    void undecodableBytesAreAnErrorAtTheirLineAndTheRightEncodingReadsThem() throws IOException {
        StringBuilder text = new StringBuilder("id,name\n");
        for (int i = 0; i < 5000; i++) text.append(i).append(",plain\n");
        text.append("5000,Jos\u00e9 M\u00fcller\n");
        Path f = dir.resolve("latin1.csv");
        Files.write(f, text.toString().getBytes(StandardCharsets.ISO_8859_1));
        Diagnostic d = failure(f, CsvOptions.defaults());
        assertEquals(ErrorCode.CSV_FORMAT, d.code());
        assertEquals("latin1.csv:5002:1", d.position().toString());
        assertTrue(d.hint().contains("encoding"), d.hint());
        CsvOptions latin1 = new CsvOptions(true, List.of(), ",", StandardCharsets.ISO_8859_1, Set.of());
        try (CsvReader r = new CsvReader(f, f, latin1)) {
            List<String[]> rows = all(r);
            assertEquals("Jos\u00e9 M\u00fcller", rows.get(5000)[1]);
        }
    }

    @Test
    void emptyFileDuplicateNamesAndMismatchedColumnNamesAreErrors() throws IOException {
        assertEquals("empty.csv:1:1", failure(write("empty.csv", ""), CsvOptions.defaults()).position().toString());
        assertTrue(failure(write("dup.csv", "a,A\n1,2\n"), CsvOptions.defaults()).message().contains("named twice"));
        Diagnostic control = failure(write("nul.csv", "i\u0000d,b\n1,2\n"), CsvOptions.defaults());
        assertEquals("nul.csv:1:1", control.position().toString());
        assertTrue(control.message().contains("'i?d' contains a control character"), control.message());
        Diagnostic d = failure(write("h.csv", "a,b\n1,2\n"), options(true, List.of("x"), ","));
        assertTrue(d.message().contains("column_names lists 1 names but the header line has 2"), d.message());
    }
}
