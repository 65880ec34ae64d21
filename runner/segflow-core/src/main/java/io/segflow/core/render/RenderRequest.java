package io.segflow.core.render;

import io.segflow.spi.RelationName;
import java.nio.file.Path;

/**
 * One template to render. {@code file} is relative to the project root (used in positions);
 * {@code self} is what {@code this} renders to; {@code incremental} is what {@code is_incremental()} returns.
 */
public record RenderRequest(Path file, String template, RelationName self, boolean incremental) {
}
