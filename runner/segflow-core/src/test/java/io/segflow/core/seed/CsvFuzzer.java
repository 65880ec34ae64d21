package io.segflow.core.seed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded mutations of real delimited files and of the seed options that read them. A mutant is fully
 * determined by (run seed, case index), so any case can be replayed alone. Byte mutations aim at what parsers
 * get wrong: quotes, delimiters, line breaks, byte order marks, invalid UTF-8, truncation, ragged lines; option
 * mutations flip header, delimiter (also invalid ones), encoding, null_values, column_names, formats (also
 * unsupported directives) and column_types.
 */
final class CsvFuzzer {
    /** A starting file with the options that read it correctly. */
    record Corpus(String file, List<String> columns, Mutant.Options options) {
    }

    /** One mutated input; options are kept raw so that invalid ones can be expressed. */
    record Mutant(int index, String corpus, byte[] bytes, Options options, List<String> steps) {
        record Options(boolean header, List<String> columnNames, String delimiter, String encoding,
                       Set<String> nullValues, Map<String, String> formats, Map<String, String> types) {
        }
    }

    static final List<Corpus> CORPUS = List.of(
            new Corpus("cdnow_master_head.txt", List.of("customer_id", "date", "number_of_cds", "dollar_value"),
                    options(true, List.of(), "whitespace", "UTF-8", Set.of(), Map.of("date", "%Y%m%d"))),
            new Corpus("cdnow_sample_head.txt", List.of("customer_id", "sample_id", "date", "number_of_cds", "dollar_value"),
                    options(false, List.of("customer_id", "sample_id", "date", "number_of_cds", "dollar_value"),
                            "whitespace", "UTF-8", Set.of(), Map.of("date", "%Y%m%d"))),
            new Corpus("rfm_orders_head.csv", List.of("customer_id", "order_date", "revenue", "first_name", "last_name",
                    "email"), options(true, List.of(), ",", "UTF-8", Set.of(), Map.of())),
            new Corpus("online_retail_head.csv", List.of("InvoiceNo", "StockCode", "Description", "Quantity",
                    "InvoiceDate", "UnitPrice", "CustomerID", "Country"),
                    options(true, List.of(), ",", "UTF-8", Set.of(), Map.of("InvoiceDate", "%Y-%m-%d %H:%M:%S"))),
            new Corpus("country_regions.csv", List.of("country", "country_name", "region", "currency", "eu_member"),
                    options(true, List.of(), ",", "UTF-8", Set.of(), Map.of())),
            new Corpus("latin1_semicolon.csv", List.of("id", "name", "city", "joined", "score"),
                    options(true, List.of(), ";", "ISO-8859-1", Set.of("NA", "-"), Map.of("joined", "%d/%m/%Y %H:%M"))));

    private static final String[] TOKENS = {"\"", "\"\"", ",", ";", "\t", " ", "  ", "\r", "\n", "\r\n", "\"\n", "\n\"",
        "\u0000", "||", "NA", "-", "0001", "007", "-0", "19970230", "19971301", "2024-02-29", "2023-02-29 10:00:00",
        "1e400", "99999999999999999999", "-9223372036854775809", "true", "FALSE", ".5", "5.", "1,5", "NaN",
        "Infinity", "0x1F", "\u00e9", "\u00ff", "\uFEFF", "\u2028", "12/31/1997", "1997-01-01T00:00", "%", "\\"};
    private static final byte[][] RAW = {{(byte) 0xC3}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xEF, (byte) 0xBB,
        (byte) 0xBF}, {(byte) 0xE9}, {(byte) 0x80}, {(byte) 0xF0, (byte) 0x9F}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
    private static final String[] DELIMITERS = {",", ";", "\t", "|", "||", "whitespace", " ", "ab", "::", "\"", "\n",
        "", "\r\n", "x\"y"};
    private static final String[] ENCODINGS = {"UTF-8", "ISO-8859-1", "latin1", "windows-1252", "US-ASCII", "UTF-16",
        "UTF-16LE", "klingon", "", "utf8"};
    private static final String[] NULLS = {"NA", "", "-", "0", "NULL", "19970101", "true", " "};
    private static final String[] FORMATS = {"%Y%m%d", "%Y-%m-%d", "%d/%m/%Y", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S",
        "%y%j", "%F %T", "%b %d %Y", "%I:%M %p %F", "%Y%m%d%H%M%S%f", "%Y", "%H:%M", "%Q", "%", "", "%Y%m%d %%",
        "%I:%M %F", "%B %d, %Y", "%Y-%m-%dT%H:%M:%S.%f"};
    private static final String[] TYPES = {"BIGINT", "INTEGER", "SMALLINT", "TINYINT", "DOUBLE", "VARCHAR", "DATE",
        "TIMESTAMP", "BOOLEAN", "DECIMAL(10,2)", "DECIMAL(4,0)", "real", " date ", "UUID", "varchar(3)", "NUMERIC"};

    private CsvFuzzer() {
    }

    static Mutant.Options options(boolean header, List<String> names, String delimiter, String encoding,
                                  Set<String> nulls, Map<String, String> formats) {
        return new Mutant.Options(header, names, delimiter, encoding, nulls, formats, Map.of());
    }

    /** The random source of one case: independent of every other case, so a case replays alone. */
    static SplittableRandom random(long runSeed, int index) {
        return new SplittableRandom(runSeed * 0x9E3779B97F4A7C15L + index);
    }

    static Mutant mutate(long runSeed, int index, Corpus base, byte[] baseBytes) {
        SplittableRandom r = random(runSeed, index);
        List<String> steps = new ArrayList<>();
        byte[] bytes = baseBytes;
        int byteMutations = r.nextInt(4);
        for (int k = 0; k < byteMutations; k++) bytes = mutateBytes(bytes, r, steps);
        Mutant.Options o = base.options();
        int optionMutations = r.nextInt(10) < 6 ? 0 : 1 + r.nextInt(2);
        for (int k = 0; k < optionMutations; k++) o = mutateOptions(o, base.columns(), r, steps);
        return new Mutant(index, base.file(), bytes, o, List.copyOf(steps));
    }

    private static byte[] mutateBytes(byte[] in, SplittableRandom r, List<String> steps) {
        List<byte[]> lines = lines(in);
        int at = r.nextInt(in.length + 1);
        int kind = r.nextInt(11);
        switch (kind) {
            case 0 -> {
                if (in.length == 0) return in;
                byte[] out = in.clone();
                int pos = r.nextInt(in.length);
                out[pos] = (byte) r.nextInt(256);
                steps.add("byte " + pos + " = " + (out[pos] & 0xFF));
                return out;
            }
            case 1, 2, 3 -> {
                String token = TOKENS[r.nextInt(TOKENS.length)];
                steps.add("insert " + printable(token) + " at " + at);
                return splice(in, at, 0, token.getBytes(StandardCharsets.UTF_8));
            }
            case 4 -> {
                byte[] raw = RAW[r.nextInt(RAW.length)];
                steps.add("insert raw bytes x" + raw.length + " at " + at);
                return splice(in, at, 0, raw);
            }
            case 5 -> {
                int len = Math.min(in.length - Math.min(at, in.length), 1 + r.nextInt(20));
                steps.add("delete " + len + " at " + at);
                return splice(in, at, len, new byte[0]);
            }
            case 6 -> {
                steps.add("truncate at " + at);
                return java.util.Arrays.copyOf(in, at);
            }
            default -> {
                if (lines.isEmpty()) return in;
                int line = r.nextInt(lines.size());
                int other = r.nextInt(lines.size());
                switch (kind) {
                    case 7 -> lines.add(line, lines.get(other));
                    case 8 -> lines.remove(line);
                    case 9 -> {
                        byte[] tmp = lines.get(line);
                        lines.set(line, lines.get(other));
                        lines.set(other, tmp);
                    }
                    default -> {
                        byte[] l = lines.get(line);
                        lines.set(line, java.util.Arrays.copyOf(l, r.nextInt(l.length + 1)));
                    }
                }
                steps.add(new String[] {"duplicate line", "delete line", "swap line", "cut line"}[kind - 7] + " "
                        + (line + 1) + (kind == 7 || kind == 9 ? " with " + (other + 1) : ""));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (byte[] l : lines) out.writeBytes(l);
                return out.toByteArray();
            }
        }
    }

    private static Mutant.Options mutateOptions(Mutant.Options o, List<String> columns, SplittableRandom r,
                                                List<String> steps) {
        List<String> pool = new ArrayList<>(columns);
        pool.add("nope");
        String column = pool.get(r.nextInt(pool.size()));
        switch (r.nextInt(7)) {
            case 0 -> {
                steps.add("header " + !o.header());
                return new Mutant.Options(!o.header(), o.columnNames(), o.delimiter(), o.encoding(), o.nullValues(),
                        o.formats(), o.types());
            }
            case 1 -> {
                String d = DELIMITERS[r.nextInt(DELIMITERS.length)];
                steps.add("delimiter " + printable(d));
                return new Mutant.Options(o.header(), o.columnNames(), d, o.encoding(), o.nullValues(), o.formats(),
                        o.types());
            }
            case 2 -> {
                String e = ENCODINGS[r.nextInt(ENCODINGS.length)];
                steps.add("encoding " + e);
                return new Mutant.Options(o.header(), o.columnNames(), o.delimiter(), e, o.nullValues(), o.formats(),
                        o.types());
            }
            case 3 -> {
                Set<String> nulls = new LinkedHashSet<>(o.nullValues());
                String n = NULLS[r.nextInt(NULLS.length)];
                nulls.add(n);
                steps.add("null value " + printable(n));
                return new Mutant.Options(o.header(), o.columnNames(), o.delimiter(), o.encoding(), nulls, o.formats(),
                        o.types());
            }
            case 4 -> {
                List<String> names = new ArrayList<>();
                int n = r.nextInt(columns.size() + 2);
                for (int i = 0; i < n; i++) names.add(pool.get(r.nextInt(pool.size())) + (r.nextBoolean() ? "" : "_" + i));
                steps.add("column_names " + names);
                return new Mutant.Options(o.header(), names, o.delimiter(), o.encoding(), o.nullValues(), o.formats(),
                        o.types());
            }
            case 5 -> {
                Map<String, String> formats = new LinkedHashMap<>(o.formats());
                String f = FORMATS[r.nextInt(FORMATS.length)];
                formats.put(column, f);
                steps.add("format " + column + " " + printable(f));
                return new Mutant.Options(o.header(), o.columnNames(), o.delimiter(), o.encoding(), o.nullValues(),
                        formats, o.types());
            }
            default -> {
                Map<String, String> types = new LinkedHashMap<>(o.types());
                String t = TYPES[r.nextInt(TYPES.length)];
                types.put(column, t);
                steps.add("type " + column + " " + t);
                return new Mutant.Options(o.header(), o.columnNames(), o.delimiter(), o.encoding(), o.nullValues(),
                        o.formats(), types);
            }
        }
    }

    private static List<byte[]> lines(byte[] in) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n') {
                out.add(java.util.Arrays.copyOfRange(in, start, i + 1));
                start = i + 1;
            }
        }
        if (start < in.length) out.add(java.util.Arrays.copyOfRange(in, start, in.length));
        return out;
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        int pos = Math.min(at, in.length);
        int cut = Math.min(remove, in.length - pos);
        byte[] out = new byte[in.length - cut + insert.length];
        System.arraycopy(in, 0, out, 0, pos);
        System.arraycopy(insert, 0, out, pos, insert.length);
        System.arraycopy(in, pos + cut, out, pos + insert.length, in.length - pos - cut);
        return out;
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (c < 32 || c > 126) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('\'').toString();
    }
}
