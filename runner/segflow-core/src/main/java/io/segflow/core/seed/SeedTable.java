package io.segflow.core.seed;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.Seed;
import io.segflow.spi.ColumnDef;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * A seed's column types and a typed row stream for loading. A column's type is the one declared in
 * {@code column_types}, else DATE/TIMESTAMP when it has a strftime {@code formats} entry, else inferred by
 * scanning the values: the narrowest of BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP that every non-empty value
 * fits, else VARCHAR. Numbers written with leading zeros ({@code 0001}) are identifiers, so VARCHAR; an
 * all-empty column is VARCHAR.
 */
public final class SeedTable {
    private static final Pattern INT = Pattern.compile("-?(0|[1-9]\\d{0,17})");
    private static final Pattern NUM = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d*)?([eE][-+]?\\d+)?|-?\\.\\d+([eE][-+]?\\d+)?");
    private static final Pattern DECLARED_NUM =
            Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|[-+]?(NaN|Infinity)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    private static final List<String> CANDIDATES = List.of("BIGINT", "DOUBLE", "BOOLEAN", "DATE", "TIMESTAMP");

    private final Seed seed;
    private final Path file;
    private final List<ColumnDef> columns;
    private final StrftimeFormat[] formats;

    private SeedTable(Seed seed, Path file, List<ColumnDef> columns, StrftimeFormat[] formats) {
        this.seed = seed;
        this.file = file;
        this.columns = columns;
        this.formats = formats;
    }

    /** Reads the column names (and, for columns without a declared type or format, every value) of the seed. */
    public static SeedTable infer(Seed seed, Path projectRoot) {
        Path file = projectRoot.resolve(seed.path());
        try (CsvReader csv = new CsvReader(file, seed.path(), seed.csv())) {
            List<String> names = csv.columns();
            mustName(seed, "column_types", seed.columnTypes().keySet(), names);
            mustName(seed, "formats", seed.formats().keySet(), names);
            String[] types = new String[names.size()];
            StrftimeFormat[] formats = new StrftimeFormat[names.size()];
            boolean[][] possible = new boolean[names.size()][];
            boolean needScan = false;
            for (int i = 0; i < names.size(); i++) {
                types[i] = declaredType(seed, names.get(i));
                formats[i] = format(seed, names.get(i), types[i]);
                if (types[i] == null && formats[i] != null) types[i] = formats[i].hasTime() ? "TIMESTAMP" : "DATE";
                if (types[i] == null) {
                    possible[i] = new boolean[] {true, true, true, true, true};
                    needScan = true;
                }
            }
            boolean[] seen = new boolean[names.size()];
            while (needScan && csv.hasNext()) {
                String[] row = csv.next();
                for (int i = 0; i < names.size(); i++) {
                    if (possible[i] == null || row[i] == null || row[i].isBlank()) continue;
                    seen[i] = true;
                    narrow(possible[i], row[i].trim());
                }
            }
            List<ColumnDef> cols = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String t = types[i];
                if (t == null) {
                    t = "VARCHAR";
                    for (int c = 0; seen[i] && c < CANDIDATES.size(); c++) {
                        if (possible[i][c]) {
                            t = CANDIDATES.get(c);
                            break;
                        }
                    }
                }
                cols.add(ColumnDef.of(names.get(i), t));
            }
            return new SeedTable(seed, file, List.copyOf(cols), formats);
        }
    }

    private static void mustName(Seed seed, String key, Collection<String> declared, List<String> names) {
        for (String d : declared) {
            if (names.stream().noneMatch(n -> n.equalsIgnoreCase(d))) {
                throw error(seed, key + " names '" + d + "', which is not a column of " + seed.path(),
                        "columns: " + names);
            }
        }
    }

    private static String declaredType(Seed seed, String column) {
        String declared = lookup(seed.columnTypes(), column);
        if (declared == null) return null;
        String portable = SeedTypes.portable(declared);
        if (portable == null) {
            throw error(seed, "column_types gives column " + column + " the type '" + declared
                    + "', which seeds cannot load", "use one of " + SeedTypes.ACCEPTED);
        }
        return portable;
    }

    private static StrftimeFormat format(Seed seed, String column, String declaredType) {
        String pattern = lookup(seed.formats(), column);
        if (pattern == null) return null;
        if (declaredType != null && !declaredType.equals("DATE") && !declaredType.equals("TIMESTAMP")) {
            throw error(seed, "formats gives column " + column + " a date format, but column_types makes it "
                    + declaredType, "formats apply to DATE and TIMESTAMP columns; drop one of the two");
        }
        try {
            return StrftimeFormat.compile(pattern);
        } catch (IllegalArgumentException e) {
            throw error(seed, "format of column '" + column + "': " + e.getMessage(), "e.g. '%Y%m%d'");
        }
    }

    private static String lookup(Map<String, String> byColumn, String column) {
        for (Map.Entry<String, String> e : byColumn.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) return e.getValue();
        }
        return null;
    }

    private static void narrow(boolean[] p, String v) {
        if (p[0] && !INT.matcher(v).matches()) p[0] = false;
        if (p[1] && !NUM.matcher(v).matches()) p[1] = false;
        if (p[2] && !(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) p[2] = false;
        if (p[3] && !DATE.matcher(v).matches()) p[3] = false;
        if (p[4] && !TS.matcher(v).matches() && !DATE.matcher(v).matches()) p[4] = false;
    }

    public List<ColumnDef> columns() {
        return columns;
    }

    /** Typed rows for bulk loading; a value that does not fit its column type is a positioned error. */
    public Iterator<Object[]> rows(CsvReader csv) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return csv.hasNext();
            }

            @Override
            public Object[] next() {
                if (!csv.hasNext()) throw new NoSuchElementException();
                String[] raw = csv.next();
                Object[] out = new Object[columns.size()];
                for (int i = 0; i < out.length; i++) out[i] = convert(raw[i], i, csv.lineNumber());
                return out;
            }
        };
    }

    public CsvReader open() {
        return new CsvReader(file, seed.path(), seed.csv());
    }

    private Object convert(String v, int column, long line) {
        if (v == null) return null;
        ColumnDef col = columns.get(column);
        String t = col.type();
        if (t.equals("VARCHAR")) return v;
        String s = v.trim();
        if (s.isEmpty()) return null;
        StrftimeFormat f = formats[column];
        try {
            return switch (t) {
                case "BIGINT" -> Long.parseLong(s);
                case "INTEGER" -> Math.toIntExact(Long.parseLong(s));
                case "DOUBLE" -> parseDouble(s);
                case "BOOLEAN" -> parseBoolean(s);
                case "DATE" -> f != null ? f.parseDate(s) : LocalDate.parse(s);
                case "TIMESTAMP" -> f != null ? f.parseTimestamp(s) : s.length() == 10 ? LocalDate.parse(s).atStartOfDay()
                        : LocalDateTime.parse(s.replace(' ', 'T'));
                default -> decimal(s, t);
            };
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            String what = f != null ? "does not match the format '" + f.pattern() + "'" : "is not " + article(t) + " " + t;
            throw new DiagnosticException(Diagnostic.error(ErrorCode.INVALID_VALUE,
                    new SourcePosition(seed.path(), (int) Math.min(line, Integer.MAX_VALUE), 1),
                    "seed " + seed.name() + ": value '" + v + "' in column " + col.name() + " " + what,
                    f != null ? "fix the value, or the column's entry in formats: (strftime, e.g. '%Y%m%d')"
                            : "fix the value, or set column_types: {" + col.name() + ": VARCHAR} in the seed's YAML"));
        }
    }

    private static String article(String type) {
        return type.startsWith("I") ? "an" : "a";
    }

    private static Double parseDouble(String s) {
        if (!DECLARED_NUM.matcher(s).matches()) throw new NumberFormatException(s);
        return Double.parseDouble(s);
    }

    /** A DECIMAL(p,s) value, refused when its integer part has more than p - s digits. */
    private static BigDecimal decimal(String s, String type) {
        if (!DECLARED_NUM.matcher(s).matches()) throw new NumberFormatException(s);
        BigDecimal d = new BigDecimal(s);
        int comma = type.indexOf(',');
        int precision = Integer.parseInt(type.substring(type.indexOf('(') + 1, comma));
        int scale = Integer.parseInt(type.substring(comma + 1, type.length() - 1));
        long magnitude = (long) d.precision() - d.scale(); // |d| < 10^magnitude
        if (d.signum() != 0 && magnitude > precision - scale) throw new ArithmeticException(s);
        // far below the last kept digit it rounds to zero; setScale would first expand the digits (1e-999999999)
        if (magnitude < -scale - 1) return BigDecimal.ZERO.setScale(scale);
        return d.setScale(scale, java.math.RoundingMode.HALF_UP);
    }

    private static Boolean parseBoolean(String s) {
        if (s.equalsIgnoreCase("true")) return Boolean.TRUE;
        if (s.equalsIgnoreCase("false")) return Boolean.FALSE;
        throw new NumberFormatException(s);
    }

    private static DiagnosticException error(Seed seed, String message, String hint) {
        return new DiagnosticException(Diagnostic.error(ErrorCode.INVALID_VALUE, seed.position(), message, hint));
    }
}
