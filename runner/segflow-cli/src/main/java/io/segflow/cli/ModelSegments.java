package io.segflow.cli;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.ml.segment.ModelStep;
import java.util.ArrayList;
import java.util.List;

/** The model segments (cluster, propensity, ltv) among the selected nodes, in DAG order. */
final class ModelSegments {
    private ModelSegments() {
    }

    static List<CompiledSegment> selected(CompiledProject cp, SelectionOptions selection) {
        List<CompiledSegment> out = new ArrayList<>();
        for (String id : selection.ids(cp)) {
            CompiledSegment s = cp.segments().get(id);
            if (s != null && s.plan().runtime() instanceof ModelStep<?>) out.add(s);
        }
        return out;
    }

    static ModelStep<?> step(CompiledSegment s) {
        return (ModelStep<?>) s.plan().runtime();
    }
}
