package io.segflow.core.render;

import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL a template rendered to, with what it referenced ({@code refs}: feature names in call order,
 * without duplicates), the keys of its {@code config(...)} calls, a {@link LineMap} back to the template, and
 * the {@link RenderInputs} it read (vars, env vars, macro files, target).
 */
public record RenderedSql(Path file, String sql, List<String> refs, List<SourceRef> sources,
                          Map<String, Object> config, LineMap lineMap, RenderInputs inputs,
                          Map<String, SourcePosition> refPositions) {
    public RenderedSql {
        if (inputs == null) inputs = RenderInputs.NONE;
        refs = List.copyOf(refs);
        sources = List.copyOf(sources);
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        refPositions = refPositions == null ? Map.of() : Map.copyOf(refPositions);
    }

    /** Without recorded inputs or ref positions. */
    public RenderedSql(Path file, String sql, List<String> refs, List<SourceRef> sources, Map<String, Object> config,
                       LineMap lineMap) {
        this(file, sql, refs, sources, config, lineMap, RenderInputs.NONE, Map.of());
    }

    /** Generated SQL (segments, tests) that did not come from a template: positions offset from {@code origin}. */
    public static RenderedSql generated(String sql, SourcePosition origin) {
        return new RenderedSql(origin.file(), sql, List.of(), List.of(), Map.of(), LineMap.offset(origin));
    }
}
