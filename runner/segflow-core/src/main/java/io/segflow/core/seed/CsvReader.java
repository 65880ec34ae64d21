package io.segflow.core.seed;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Streams the records of a delimited text file (gzip when the name ends in .gz) through Apache Commons CSV:
 * RFC 4180 quoting, any delimiter string or runs of whitespace, a strict character decoder. Every record has
 * exactly as many fields as there are columns. A ragged record, bad quoting or bytes the encoding cannot
 * decode are {@link ErrorCode#CSV_FORMAT} diagnostics at {@code file:line}, never skipped or padded.
 * Blank lines are skipped; an empty unquoted field, or one equal to a configured null value, is null.
 */
public final class CsvReader implements Iterator<String[]>, AutoCloseable {
    private final Path file;
    private final Path shown;
    private final CsvOptions options;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> columns;
    private String[] next;
    private long nextLine;
    private long line;

    /** {@code shown} is the path printed in diagnostics (relative to the project root where possible). */
    public CsvReader(Path file, Path shown, CsvOptions options) {
        this.file = file;
        this.shown = shown;
        this.options = options;
        try {
            this.parser = CSVParser.parse(reader(file, options), format(options));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + shown + ": " + e.getMessage(), e);
        }
        this.records = parser.iterator();
        try {
            this.columns = readColumns();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private List<String> readColumns() {
        String[] first = read();
        long firstLine = nextLine;
        List<String> names;
        if (options.header()) {
            if (first == null) throw error(1, shown + " is empty: the first line should name the columns",
                    "add a header line, or set header: false and column_names: [...]");
            if (first.length > 0 && first[0] != null && first[0].startsWith("\uFEFF")) first[0] = first[0].substring(1);
            List<String> fromFile = names(first);
            if (!options.columnNames().isEmpty() && options.columnNames().size() != fromFile.size()) {
                throw error(firstLine, "column_names lists " + options.columnNames().size() + " names but the header "
                        + "line has " + fromFile.size() + " fields", "give one name per field");
            }
            names = options.columnNames().isEmpty() ? fromFile : options.columnNames();
            checkNames(names, firstLine);
            advance(names);
        } else {
            if (!options.columnNames().isEmpty()) {
                names = options.columnNames();
            } else if (first != null) {
                List<String> generated = new ArrayList<>();
                for (int i = 1; i <= first.length; i++) generated.add("column_" + i);
                names = List.copyOf(generated);
            } else {
                throw error(1, shown + " is empty and has no column_names", "list the columns in column_names: [...]");
            }
            checkNames(names, firstLine);
            next = first == null ? null : checked(first, firstLine, names);
        }
        return names;
    }

    /** Default options (header line, commas, UTF-8). */
    public CsvReader(Path file) {
        this(file, file, CsvOptions.defaults());
    }

    /** The column names: the header line's, else {@code column_names}, else column_1..column_N. */
    public List<String> columns() {
        return columns;
    }

    /** The 1-based line where the record last returned by {@link #next()} started. */
    public long lineNumber() {
        return line;
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public String[] next() {
        if (next == null) throw new NoSuchElementException();
        String[] r = next;
        line = nextLine;
        advance(columns);
        return r;
    }

    private void advance(List<String> names) {
        String[] r = read();
        next = r == null ? null : checked(r, nextLine, names);
    }

    /** The record with its null values as nulls; a record of the wrong width is an error at its line. */
    private String[] checked(String[] record, long at, List<String> names) {
        if (record.length != names.size()) {
            throw error(at, "this record has " + record.length + " field" + (record.length == 1 ? "" : "s")
                    + " but there are " + names.size() + " columns " + names, options.whitespace()
                    ? "quote values that contain spaces; give every row a value for every column"
                    : "quote values that contain the delimiter '" + options.delimiter() + "'; give every row a value "
                    + "for every column (an empty value is NULL)");
        }
        for (int i = 0; i < record.length; i++) {
            if (record[i] != null && options.nullValues().contains(record[i])) record[i] = null;
        }
        return record;
    }

    private void checkNames(List<String> names, long at) {
        List<String> seen = new ArrayList<>();
        for (String c : names) {
            String key = c.toLowerCase(Locale.ROOT);
            if (seen.contains(key)) throw error(at, "column '" + c + "' is named twice", "rename one of them");
            seen.add(key);
            if (c.chars().anyMatch(Character::isISOControl)) {
                throw error(at, "column name '" + c.replaceAll("\\p{Cntrl}", "?") + "' contains a control character",
                        "fix the header line, or name the columns with column_names: [...]");
            }
        }
    }

    private static List<String> names(String[] header) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            String h = header[i] == null ? "" : header[i].trim();
            out.add(h.isEmpty() ? "column_" + (i + 1) : h);
        }
        return List.copyOf(out);
    }

    /** The next non-blank record, with {@link #nextLine} set to the line it starts on; null at the end. */
    private String[] read() {
        while (true) {
            long before = parser.getCurrentLineNumber();
            CSVRecord r;
            try {
                if (!records.hasNext()) return null;
                r = records.next();
            } catch (UncheckedIOException e) {
                throw failure(e.getCause(), before + 1);
            }
            nextLine = before + 1;
            String[] values = r.values();
            if (options.whitespace()) values = withoutEmptyRuns(values);
            boolean blank = values.length == 0 || (values.length == 1 && values[0] == null);
            if (!blank) return values;
        }
    }

    private static String[] withoutEmptyRuns(String[] values) {
        return java.util.Arrays.stream(values).filter(v -> v != null).toArray(String[]::new);
    }

    private RuntimeException failure(IOException cause, long at) {
        if (cause instanceof CharacterCodingException) {
            long bad = Undecodable.lineOf(file, options.encoding());
            return error(bad > 0 ? bad : at, "bytes that are not valid " + options.encoding().name()
                    + " text", "set encoding: to the file's encoding (e.g. latin1, windows-1252) in the seed's YAML");
        }
        if (cause != null && cause.getClass().getName().startsWith("org.apache.commons.csv")) {
            return error(at, "bad quoting in the record starting here: " + cause.getMessage().replaceFirst(
                    "^\\(startline \\d+\\) ", ""), "close every quoted field, and double quotes inside one (\"\")");
        }
        String why = cause == null ? "read failed" : cause.getMessage();
        return new UncheckedIOException("cannot read " + shown + ": " + why,
                cause == null ? new IOException(why) : cause);
    }

    private DiagnosticException error(long at, String message, String hint) {
        return new DiagnosticException(Diagnostic.error(ErrorCode.CSV_FORMAT,
                new SourcePosition(shown, (int) Math.min(at, Integer.MAX_VALUE), 1), message, hint));
    }

    static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    private static Reader reader(Path file, CsvOptions options) throws IOException {
        Reader r = new BufferedReader(new InputStreamReader(open(file), options.encoding().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        return options.whitespace() ? new TabsAsSpacesReader(r) : r;
    }

    private static CSVFormat format(CsvOptions options) {
        return CSVFormat.Builder.create(CSVFormat.RFC4180)
                .setDelimiter(options.whitespace() ? " " : options.delimiter())
                .setIgnoreEmptyLines(false)
                // tells ,, (null) from ,"", (empty text)
                .setQuoteMode(QuoteMode.ALL_NON_NULL)
                .get();
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
