package io.segflow.core.seed;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A date or timestamp format written with strftime directives ({@code '%Y%m%d'}, {@code '%d/%m/%Y %H:%M'}),
 * the spelling Python, DuckDB and BigQuery share, compiled to a strict {@link DateTimeFormatter}. Numeric fields
 * are zero-padded and fixed-width, so directives can follow each other without separators.
 */
public final class StrftimeFormat {
    static final String SUPPORTED = "%Y %y %m %d %j %H %I %M %S %f %p %b %B %F %T %%";

    private final String pattern;
    private final DateTimeFormatter formatter;
    private final boolean hasTime;

    private StrftimeFormat(String pattern, DateTimeFormatter formatter, boolean hasTime) {
        this.pattern = pattern;
        this.formatter = formatter;
        this.hasTime = hasTime;
    }

    /** @throws IllegalArgumentException naming the directive that is unknown or missing */
    public static StrftimeFormat compile(String pattern) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
        Set<Character> seen = new HashSet<>();
        append(b, pattern, pattern, seen);
        boolean hasYear = seen.contains('Y') || seen.contains('y');
        boolean hasDay = seen.contains('j') || (seen.contains('d') && (seen.contains('m') || seen.contains('b') || seen.contains('B')));
        if (!hasYear || !hasDay) {
            throw new IllegalArgumentException("'" + pattern + "' does not name a whole date: it needs a year (%Y or %y) "
                    + "and a month and day (%m %d) or a day of the year (%j)");
        }
        if (seen.contains('I') != seen.contains('p')) {
            throw new IllegalArgumentException("'" + pattern + "' needs %I and %p together (12-hour clock)");
        }
        boolean hasTime = seen.stream().anyMatch(x -> "HIMSfp".indexOf(x) >= 0);
        DateTimeFormatter f = b.toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
        return new StrftimeFormat(pattern, f, hasTime);
    }

    private static void append(DateTimeFormatterBuilder b, String part, String pattern, Set<Character> seen) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c != '%') {
                b.appendLiteral(c);
                continue;
            }
            if (++i == part.length()) throw new IllegalArgumentException("'" + pattern + "' ends with a lone %");
            char d = part.charAt(i);
            seen.add(d);
            switch (d) {
                case 'Y' -> b.appendValue(ChronoField.YEAR, 4);
                case 'y' -> b.appendValueReduced(ChronoField.YEAR, 2, 2, 1969);
                case 'm' -> b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
                case 'd' -> b.appendValue(ChronoField.DAY_OF_MONTH, 2);
                case 'j' -> b.appendValue(ChronoField.DAY_OF_YEAR, 3);
                case 'H' -> b.appendValue(ChronoField.HOUR_OF_DAY, 2);
                case 'I' -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
                case 'M' -> b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
                case 'S' -> b.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
                case 'f' -> b.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false);
                case 'p' -> b.appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
                case 'b' -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
                case 'B' -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
                case 'F' -> append(b, "%Y-%m-%d", pattern, seen);
                case 'T' -> append(b, "%H:%M:%S", pattern, seen);
                case '%' -> b.appendLiteral('%');
                default -> throw new IllegalArgumentException("'" + pattern + "' uses %" + d
                        + ", which is not supported (supported: " + SUPPORTED + ")");
            }
        }
    }

    public String pattern() {
        return pattern;
    }

    /** Whether the format reads a time of day, so that its column is a TIMESTAMP rather than a DATE. */
    public boolean hasTime() {
        return hasTime;
    }

    public LocalDate parseDate(String text) throws DateTimeParseException {
        return LocalDate.parse(text, formatter);
    }

    /** A timestamp; a format without a time of day gives midnight. */
    public LocalDateTime parseTimestamp(String text) throws DateTimeParseException {
        return hasTime ? LocalDateTime.parse(text, formatter) : LocalDate.parse(text, formatter).atStartOfDay();
    }
}
