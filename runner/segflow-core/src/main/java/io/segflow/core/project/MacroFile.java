package io.segflow.core.project;

import java.nio.file.Path;

/**
 * A file holding Jinja {@code {% macro %}} (or {@code {% test %}}) definitions. {@code namespace} is null for the
 * project's own macros (callable by their bare names) and the package name for a package's macros (callable as
 * {@code package.macro}).
 */
public record MacroFile(Path path, String text, String namespace) {
    /** A macro file of the project itself. */
    public MacroFile(Path path, String text) {
        this(path, text, null);
    }
}
