package io.segflow.core.seed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsQuotedFieldsEmbeddedNewlinesAndNulls() throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "\uFEFFid,name,note\r\n1,\"Smith, J\",\"said \"\"hi\"\"\"\r\n2,,\"line1\nline2\"\n3,\"\",x\n");
        try (CsvReader r = new CsvReader(f, ',')) {
            assertArrayEquals(new String[] {"id", "name", "note"}, r.header());
            assertArrayEquals(new String[] {"1", "Smith, J", "said \"hi\""}, r.next());
            assertEquals(2, r.lineNumber());
            assertArrayEquals(new String[] {"2", null, "line1\nline2"}, r.next());
            assertEquals(3, r.lineNumber());
            assertArrayEquals(new String[] {"3", "", "x"}, r.next());
            assertEquals(5, r.lineNumber());
            assertFalse(r.hasNext());
        }
    }

    @Test
    void readsGzipAndOtherDelimiters() throws IOException {
        Path f = dir.resolve("x.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("a;b\n1;2\n".getBytes(StandardCharsets.UTF_8));
        }
        try (CsvReader r = new CsvReader(f, ';')) {
            assertArrayEquals(new String[] {"1", "2"}, r.next());
        }
    }

    @Test
    void unterminatedQuoteAndEmptyFileAreErrors() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a\n\"oops\n");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new CsvReader(bad, ','));
        assertEquals(true, e.getMessage().contains("unterminated quoted field starting on line 2"), e.getMessage());
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThrows(IllegalArgumentException.class, () -> new CsvReader(empty, ','));
    }
}
