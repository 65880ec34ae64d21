package io.segflow.core.diagnostic;

import java.nio.file.Path;

/**
 * A place in a project file: 1-based line and column. {@code file} is relative to the project root
 * where possible so that messages read the same on every machine.
 */
public record SourcePosition(Path file, int line, int column) {
    public static SourcePosition of(Path file) {
        return new SourcePosition(file, 0, 0);
    }

    public SourcePosition at(int line, int column) {
        return new SourcePosition(file, line, column);
    }

    @Override
    public String toString() {
        String f = file == null ? "<unknown>" : file.toString().replace('\\', '/');
        if (line <= 0) return f;
        return f + ":" + line + ":" + Math.max(column, 1);
    }
}
