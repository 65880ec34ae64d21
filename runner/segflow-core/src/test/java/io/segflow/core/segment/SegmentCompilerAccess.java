package io.segflow.core.segment;

import io.segflow.spi.ColumnDef;
import java.util.List;

/** Test access to {@link SegmentCompiler}'s package-private row type of wrapped membership queries. */
public final class SegmentCompilerAccess {
    private SegmentCompilerAccess() {
    }

    public static List<ColumnDef> wrappedMembershipColumns(List<ColumnDef> inner) {
        return SegmentCompiler.wrappedMembershipColumns(inner);
    }
}
