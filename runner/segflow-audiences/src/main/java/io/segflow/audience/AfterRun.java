package io.segflow.audience;

import io.segflow.audience.export.ActivationLayout;
import io.segflow.audience.overlap.OverlapMatrix;
import io.segflow.audience.overlap.OverlapOutputs;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.spi.WarehouseAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run that built segmentations adds at its end: the overlap matrix across every built segmentation's groups
 * (table and {@code target/overlap.json}) and the activation layout of the audience sets. Returns one line each.
 */
public final class AfterRun {
    private AfterRun() {
    }

    public static List<String> apply(CompiledProject cp, WarehouseAdapter adapter, String runId) {
        Instant now = Instant.now();
        List<String> built = new ArrayList<>();
        List<AudienceSet> sets = new ArrayList<>();
        for (CompiledSegment s : cp.segments().values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            if (adapter.describe(new MembershipTables(MembershipTables.DEFAULT_SCHEMA, s.name()).members()).isEmpty()) continue;
            built.add(s.name());
            if (s.type().equals(AudienceSetType.NAME)) sets.add(AudienceSet.of(s.spec()));
        }
        List<String> out = new ArrayList<>();
        if (built.isEmpty()) return out;
        OverlapMatrix.Matrix m = OverlapMatrix.compute(adapter, built);
        OverlapOutputs.writeTable(adapter, m, runId, now);
        Path file;
        try {
            file = OverlapOutputs.writeJson(cp.project().targetDir(), m, runId, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.add("overlap matrix: " + m.groups().size() + " groups of " + built.size() + " segmentations -> "
                + adapter.render(OverlapOutputs.table()) + ", " + cp.project().root().relativize(file));
        List<String> layout = ActivationLayout.refresh(adapter, sets, now);
        if (!layout.isEmpty()) out.add("activation layout: audiences.audiences, audiences.memberships (" + String.join(", ", layout) + ")");
        return out;
    }
}
