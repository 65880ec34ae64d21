package io.segflow.core.render;

import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a (line, column) in rendered SQL back to the template it came from. Rendered text is split into
 * segments; each starts at a rendered column and points at a template position. Text copied from the template
 * ("literal" segments) advances column by column; output of a {@code {{ }}} expression or macro maps to the
 * start of the tag that produced it. Lines without a segment of their own continue the previous line's last
 * segment (e.g. the second line of a multi-line macro expansion maps to the macro call).
 */
public final class LineMap {
    /** A segment starting at rendered {@code column} of a line, pointing at template {@code line:col}. */
    record Segment(int column, int templateLine, int templateColumn, boolean literal) {
    }

    private final Path file;
    private final List<List<Segment>> lines;
    private final SourcePosition origin;

    LineMap(Path file, List<List<Segment>> lines) {
        this.file = file;
        this.lines = lines.stream().map(List::copyOf).toList();
        this.origin = null;
    }

    private LineMap(SourcePosition origin) {
        this.file = origin.file();
        this.lines = List.of();
        this.origin = origin;
    }

    /**
     * A map for generated text that starts at {@code origin}: line 1 column c maps to origin column + c - 1,
     * later lines keep their column.
     */
    public static LineMap offset(SourcePosition origin) {
        return new LineMap(origin);
    }

    /** Identity map: rendered positions are template positions in {@code file}. */
    public static LineMap identity(Path file) {
        return new LineMap(new SourcePosition(file, 1, 1));
    }

    public Path file() {
        return file;
    }

    /** The template position of a 1-based rendered (line, column). */
    public SourcePosition map(int line, int column) {
        if (origin != null) {
            int baseLine = Math.max(origin.line(), 1);
            int baseCol = Math.max(origin.column(), 1);
            return line <= 1 ? new SourcePosition(file, baseLine, baseCol + Math.max(column, 1) - 1)
                    : new SourcePosition(file, baseLine + line - 1, column);
        }
        Segment seg = null;
        boolean sameLine = false;
        for (int l = Math.min(line, lines.size()); l >= 1 && seg == null; l--) {
            List<Segment> segs = lines.get(l - 1);
            for (Segment s : segs) {
                if (l == line && s.column() > column) break;
                seg = s;
            }
            sameLine = l == line && seg != null;
        }
        if (seg == null) return new SourcePosition(file, Math.max(line, 1), Math.max(column, 1));
        if (sameLine && seg.literal()) {
            return new SourcePosition(file, seg.templateLine(), seg.templateColumn() + column - seg.column());
        }
        return new SourcePosition(file, seg.templateLine(), seg.templateColumn());
    }

    /** Builds a map while stripping position markers from rendered text. */
    static final class Builder {
        private final List<List<Segment>> lines = new ArrayList<>();

        Builder() {
            lines.add(new ArrayList<>());
        }

        void newLine() {
            lines.add(new ArrayList<>());
        }

        void segment(int column, int templateLine, int templateColumn, boolean literal) {
            List<Segment> current = lines.get(lines.size() - 1);
            if (!current.isEmpty() && current.get(current.size() - 1).column() == column) {
                current.remove(current.size() - 1);
            }
            current.add(new Segment(column, templateLine, templateColumn, literal));
        }

        LineMap build(Path file) {
            return new LineMap(file, lines);
        }
    }
}
