package io.segflow.core.seed;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * How a delimited text file is read: whether its first record names the columns, the names to use instead,
 * the delimiter (any string, or {@link #WHITESPACE} for runs of spaces and tabs), the character encoding and
 * the field texts that mean NULL (besides an empty unquoted field, which always does).
 */
public record CsvOptions(boolean header, List<String> columnNames, String delimiter, Charset encoding,
                         Set<String> nullValues) {
    public static final String WHITESPACE = "whitespace";

    public CsvOptions {
        columnNames = List.copyOf(columnNames);
        nullValues = Set.copyOf(nullValues);
        if (delimiter.isEmpty()) throw new IllegalArgumentException("the delimiter is empty");
        if (delimiter.contains("\"") || delimiter.contains("\n") || delimiter.contains("\r")) {
            throw new IllegalArgumentException("the delimiter cannot contain a quote or a line break");
        }
    }

    /** RFC 4180: a header line, commas, UTF-8. */
    public static CsvOptions defaults() {
        return new CsvOptions(true, List.of(), ",", StandardCharsets.UTF_8, Set.of());
    }

    public CsvOptions withDelimiter(String d) {
        return new CsvOptions(header, columnNames, d, encoding, nullValues);
    }

    public boolean whitespace() {
        return delimiter.equals(WHITESPACE);
    }
}
