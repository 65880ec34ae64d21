package io.segflow.report;

import io.segflow.core.compile.CompiledProject;
import io.segflow.ml.registry.ModelRegistry;
import io.segflow.spi.WarehouseAdapter;

/**
 * What report sections read: the compiled project (definitions), a read-only warehouse connection (membership,
 * history and run tables) and the model registry (model cards).
 */
public record ReportContext(CompiledProject project, WarehouseAdapter adapter, ModelRegistry registry) {
    public int minSegmentSize() {
        return project.project().config().minSegmentSize();
    }
}
