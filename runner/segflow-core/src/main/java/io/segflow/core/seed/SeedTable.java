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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * A seed's column types (declared in {@code column_types}, the rest inferred by scanning the values) and a
 * typed row stream for loading. Inference picks the narrowest of BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP
 * that every non-empty value fits, else VARCHAR; an all-empty column is VARCHAR.
 */
public final class SeedTable {
    private static final Pattern INT = Pattern.compile("-?\\d{1,18}");
    private static final Pattern NUM = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    private static final List<String> CANDIDATES = List.of("BIGINT", "DOUBLE", "BOOLEAN", "DATE", "TIMESTAMP");

    private final Seed seed;
    private final Path file;
    private final List<ColumnDef> columns;

    private SeedTable(Seed seed, Path file, List<ColumnDef> columns) {
        this.seed = seed;
        this.file = file;
        this.columns = columns;
    }

    /** Reads the header (and, for undeclared column types, every value) of the seed's CSV. */
    public static SeedTable infer(Seed seed, Path projectRoot) {
        Path file = projectRoot.resolve(seed.path());
        try (CsvReader csv = new CsvReader(file, seed.delimiter())) {
            String[] header = csv.header();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < header.length; i++) {
                String h = header[i] == null ? "" : header[i].trim();
                names.add(h.isEmpty() ? "column_" + (i + 1) : h);
            }
            for (String declared : seed.columnTypes().keySet()) {
                if (names.stream().noneMatch(n -> n.equalsIgnoreCase(declared))) {
                    throw error(seed, "column_types names '" + declared + "', which is not a column of " + seed.path(),
                            "columns: " + names);
                }
            }
            String[] types = new String[names.size()];
            boolean[][] possible = new boolean[names.size()][];
            boolean needScan = false;
            for (int i = 0; i < names.size(); i++) {
                types[i] = declaredType(seed.columnTypes(), names.get(i));
                if (types[i] == null) {
                    possible[i] = new boolean[] {true, true, true, true, true};
                    needScan = true;
                }
            }
            boolean[] seen = new boolean[names.size()];
            while (needScan && csv.hasNext()) {
                String[] row = csv.next();
                for (int i = 0; i < names.size() && i < row.length; i++) {
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
                    if (seen[i]) {
                        for (int c = 0; c < CANDIDATES.size(); c++) {
                            if (possible[i][c]) {
                                t = CANDIDATES.get(c);
                                break;
                            }
                        }
                    }
                }
                cols.add(ColumnDef.of(names.get(i), t));
            }
            return new SeedTable(seed, file, List.copyOf(cols));
        }
    }

    private static String declaredType(Map<String, String> declared, String column) {
        for (Map.Entry<String, String> e : declared.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) return e.getValue().trim().toUpperCase(Locale.ROOT);
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
                for (int i = 0; i < out.length; i++) {
                    String v = i < raw.length ? raw[i] : null;
                    out[i] = convert(v, columns.get(i), csv.lineNumber());
                }
                return out;
            }
        };
    }

    public CsvReader open() {
        return new CsvReader(file, seed.delimiter());
    }

    private Object convert(String v, ColumnDef col, long line) {
        if (v == null) return null;
        String t = col.type();
        String s = t.equals("VARCHAR") || t.startsWith("VARCHAR(") ? v : v.trim();
        if (s.isEmpty() && !t.startsWith("VARCHAR")) return null;
        try {
            return switch (t) {
                case "BIGINT", "INTEGER", "INT", "SMALLINT", "TINYINT" -> Long.parseLong(s);
                case "DOUBLE", "FLOAT", "REAL" -> Double.parseDouble(s);
                case "BOOLEAN" -> parseBoolean(s);
                case "DATE" -> LocalDate.parse(s);
                case "TIMESTAMP" -> s.length() == 10 ? LocalDate.parse(s).atStartOfDay()
                        : LocalDateTime.parse(s.replace(' ', 'T'));
                default -> t.startsWith("DECIMAL") || t.startsWith("NUMERIC") ? new BigDecimal(s) : v;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.INVALID_VALUE,
                    new SourcePosition(seed.path(), (int) line, 1),
                    "seed " + seed.name() + ": value '" + v + "' in column " + col.name() + " is not a " + t,
                    "fix the value, or set column_types: {" + col.name() + ": VARCHAR} in the seed's YAML"));
        }
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
