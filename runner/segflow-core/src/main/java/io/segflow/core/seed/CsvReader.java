package io.segflow.core.seed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Streams RFC 4180 CSV records (quoted fields, doubled quotes, newlines inside quotes) from a file, gzip when the
 * name ends in .gz. Empty unquoted fields are null. {@link #lineNumber()} is the line the last record started on.
 */
public final class CsvReader implements Iterator<String[]>, AutoCloseable {
    private final BufferedReader in;
    private final char delimiter;
    private final String[] header;
    private String[] next;
    private long nextLine;
    private long line = 1;
    private long readStart;
    private long recordLine;

    public CsvReader(Path file, char delimiter) {
        this.delimiter = delimiter;
        try {
            InputStream raw = Files.newInputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) raw = new GZIPInputStream(raw, 1 << 16);
            this.in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16);
            String[] h = readRecord();
            if (h == null) throw new IllegalArgumentException(file + " is empty: a seed needs a header line");
            if (h.length > 0 && h[0] != null && h[0].startsWith("\uFEFF")) h[0] = h[0].substring(1);
            this.header = h;
            this.next = readRecord();
            this.nextLine = readStart;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public String[] header() {
        return header.clone();
    }

    /** The 1-based line where the record last returned by {@link #next()} started. */
    public long lineNumber() {
        return recordLine;
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public String[] next() {
        if (next == null) throw new NoSuchElementException();
        String[] r = next;
        recordLine = nextLine;
        try {
            next = readRecord();
            nextLine = readStart;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    private String[] readRecord() throws IOException {
        int c = in.read();
        while (c == '\r' || c == '\n') {
            if (c == '\n') line++;
            c = in.read();
        }
        if (c == -1) return null;
        long start = line;
        readStart = start;
        List<String> fields = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) throw new IOException("unterminated quoted field starting on line " + start);
                if (c == '"') {
                    int d = in.read();
                    if (d == '"') {
                        sb.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n') line++;
                    sb.append((char) c);
                }
            } else if (c == '"' && sb.length() == 0) {
                quoted = true;
                wasQuoted = true;
            } else if (c == delimiter || c == '\n' || c == '\r' || c == -1) {
                fields.add(sb.length() == 0 && !wasQuoted ? null : sb.toString());
                sb.setLength(0);
                wasQuoted = false;
                if (c != delimiter) {
                    if (c == '\r') {
                        in.mark(1);
                        if (in.read() != '\n') in.reset();
                    }
                    line++;
                    break;
                }
            } else {
                sb.append((char) c);
            }
            c = in.read();
        }
        return fields.toArray(String[]::new);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
