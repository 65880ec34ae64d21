package io.segflow.core.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes rendered SQL traceable to its template. Before rendering, invisible markers (private-use characters
 * around a number) are inserted into the template's literal text: at the start of each text run, at each
 * line start inside it, and just before each tag. Jinja copies them through to the output with the text;
 * {@link #strip} removes them again and turns them into a {@link LineMap}. Markers never sit in whitespace
 * that a {@code {%- -%}} tag trims, so trimming behaves as without them. Line numbers are unchanged;
 * {@link #originalColumn} undoes the column shift for errors Jinjava reports.
 */
final class TemplateMarkers {
    static final char OPEN = '\uE000';
    static final char CLOSE = '\uE001';

    private record Marker(int line, int column, boolean literal) {
    }

    private final List<Marker> markers = new ArrayList<>();
    /** Per template line: [markedColumn, insertedLength] pairs in column order. */
    private final Map<Integer, List<int[]>> shifts = new HashMap<>();
    private final String marked;

    /** Marks {@code template}; {@code prefix} (Jinja tags only, no newline) is put in front of line 1. */
    TemplateMarkers(String template, String prefix) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        if (!prefix.isEmpty()) insert(out, 1, prefix);
        int[] lineStarts = lineStarts(template);
        int pos = 0;
        boolean prevRightTrim = false;
        while (pos <= template.length()) {
            int tagStart = nextTag(template, pos);
            int textEnd = tagStart < 0 ? template.length() : tagStart;
            boolean nextLeftTrim = tagStart >= 0 && tagStart + 2 < template.length() && template.charAt(tagStart + 2) == '-';
            int s = pos;
            if (prevRightTrim) while (s < textEnd && Character.isWhitespace(template.charAt(s))) s++;
            int e = textEnd;
            if (nextLeftTrim) while (e > s && Character.isWhitespace(template.charAt(e - 1))) e--;
            out.append(template, pos, s);
            if (s < e) {
                mark(out, template, lineStarts, s, true);
                // line by line: the markers make the builder UTF-16, where appending a char at a time is slow
                int lineStart = s;
                for (int nl = template.indexOf('\n', s); nl >= 0 && nl + 1 < e; nl = template.indexOf('\n', nl + 1)) {
                    out.append(template, lineStart, nl + 1);
                    lineStart = nl + 1;
                    mark(out, template, lineStarts, lineStart, true);
                }
                out.append(template, lineStart, e);
            }
            if (tagStart >= 0 && template.charAt(tagStart + 1) != '#') mark(out, template, lineStarts, tagStart, false);
            out.append(template, e, textEnd);
            if (tagStart < 0) break;
            int tagEnd = tagEnd(template, tagStart);
            out.append(template, tagStart, tagEnd);
            prevRightTrim = tagEnd - 3 >= tagStart && template.charAt(tagEnd - 3) == '-';
            pos = tagEnd;
        }
        this.marked = out.toString();
    }

    String marked() {
        return marked;
    }

    /** The column in the original template of a column Jinjava reports on the marked template. */
    int originalColumn(int line, int markedColumn) {
        int col = markedColumn;
        for (int[] shift : shifts.getOrDefault(line, List.of())) {
            if (shift[0] < markedColumn) col -= Math.min(shift[1], markedColumn - shift[0]);
        }
        return Math.max(col, 1);
    }

    /** Removes markers from rendered output; the result holds clean SQL and its {@link LineMap}. */
    Stripped strip(String rendered, Path file) {
        StringBuilder sql = new StringBuilder(rendered.length());
        LineMap.Builder map = new LineMap.Builder();
        int col = 1;
        int n = rendered.length();
        int i = 0;
        while (i < n) {
            char c = rendered.charAt(i);
            if (c == OPEN) {
                int close = rendered.indexOf(CLOSE, i);
                if (close > i) {
                    Marker m = markers.get(Integer.parseInt(rendered, i + 1, close, 10));
                    map.segment(col, m.line(), m.column(), m.literal());
                    i = close + 1;
                    continue;
                }
            }
            if (c == '\n') {
                sql.append(c);
                map.newLine();
                col = 1;
                i++;
                continue;
            }
            // the run up to the next marker or line end, appended at once
            int end = i + 1;
            while (end < n && rendered.charAt(end) != OPEN && rendered.charAt(end) != '\n') end++;
            sql.append(rendered, i, end);
            col += end - i;
            i = end;
        }
        return new Stripped(sql.toString(), map.build(file));
    }

    record Stripped(String sql, LineMap lineMap) {
    }

    /** Removes any markers, for text that needs no map (e.g. config values). */
    static String clean(String s) {
        return s.replaceAll("\uE000\\d+\uE001", "");
    }

    private void mark(StringBuilder out, String template, int[] lineStarts, int offset, boolean literal) {
        int line = lineOf(lineStarts, offset);
        int column = offset - lineStarts[line - 1] + 1;
        markers.add(new Marker(line, column, literal));
        insert(out, line, OPEN + Integer.toString(markers.size() - 1) + CLOSE);
    }

    private void insert(StringBuilder out, int line, String text) {
        int lineStart = out.lastIndexOf("\n") + 1;
        int markedColumn = out.length() - lineStart + 1;
        shifts.computeIfAbsent(line, k -> new ArrayList<>()).add(new int[] {markedColumn, text.length()});
        out.append(text);
    }

    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') starts.add(i + 1);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] lineStarts, int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return lo + 1;
    }

    /** Offset of the next {@code {{}}, {@code {%} or {@code {#} at or after {@code from}, or -1. */
    static int nextTag(String s, int from) {
        for (int i = from; i + 1 < s.length(); i++) {
            if (s.charAt(i) == '{') {
                char n = s.charAt(i + 1);
                if (n == '{' || n == '%' || n == '#') return i;
            }
        }
        return -1;
    }

    /** Offset just past the end of the tag starting at {@code start} (quotes inside tags are skipped). */
    static int tagEnd(String s, int start) {
        char kind = s.charAt(start + 1);
        String close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
        if (kind == '#') {
            int end = s.indexOf(close, start + 2);
            return end < 0 ? s.length() : end + 2;
        }
        char quote = 0;
        for (int i = start + 2; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (s.startsWith(close, i)) {
                return i + 2;
            }
        }
        return s.length();
    }
}
