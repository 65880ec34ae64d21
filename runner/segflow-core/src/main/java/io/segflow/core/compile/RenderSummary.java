package io.segflow.core.compile;

import io.segflow.core.render.RenderInputs;
import io.segflow.core.render.SourceRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a feature's first render decided besides its SQL: {@code config()} overrides, refs and sources (the DAG
 * edges) and the inputs it read. Kept in the compile cache so an unchanged feature need not be rendered.
 */
public record RenderSummary(Map<String, Object> overrides, List<String> refs, List<SourceRef> sources,
                            RenderInputs inputs) {
    public RenderSummary {
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        refs = List.copyOf(refs);
        sources = List.copyOf(sources);
    }
}
