package io.segflow.core.segment;

import io.segflow.spi.WarehouseAdapter;
import java.util.function.Supplier;

/**
 * The run-time step of a segmentation taken from the compile cache: compile needs only the plan's static parts, so
 * the type plans the definition again (building its trainer, sample and label queries) only when the step is used.
 * The cache keys (definition, vars, upstream row types) are those of that plan, so planning again succeeds as it did.
 */
final class ReplannedStep implements RuntimeStep {
    private final Supplier<RuntimeStep> plan;
    private RuntimeStep step;

    ReplannedStep(Supplier<RuntimeStep> plan) {
        this.plan = plan;
    }

    @Override
    public String membershipSql(WarehouseAdapter adapter, SegmentRunContext run) {
        return resolved().membershipSql(adapter, run);
    }

    @Override
    public synchronized RuntimeStep resolved() {
        if (step == null) step = plan.get();
        return step;
    }
}
