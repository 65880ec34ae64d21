package io.segflow.core.project;

import java.nio.file.Path;

/** A file under macros/ holding Jinja {@code {% macro %}} definitions. */
public record MacroFile(Path path, String text) {
}
