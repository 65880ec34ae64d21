package io.segflow.core.segment.rfm;

import java.util.List;
import java.util.Map;

/**
 * Named RFM group schemes. {@code standard_rfm} is the scheme of the R {@code rfm} package's documentation
 * (rfm_segment examples), in the same order, so that first-match assignment reproduces R's segments.
 */
public final class RfmPresets {
    /** A named group: inclusive score ranges [lo, hi] for recency, frequency and monetary. */
    public record Group(String name, int rLo, int rHi, int fLo, int fHi, int mLo, int mHi) {
    }

    public static final List<Group> STANDARD_RFM = List.of(
            new Group("Champions", 5, 5, 5, 5, 5, 5),
            new Group("Potential Loyalist", 3, 5, 3, 5, 2, 5),
            new Group("Loyal Customers", 2, 4, 2, 4, 2, 4),
            new Group("Promising", 3, 4, 1, 3, 3, 5),
            new Group("New Customers", 4, 5, 1, 3, 1, 5),
            new Group("Can't Lose Them", 1, 2, 3, 4, 4, 5),
            new Group("At Risk", 1, 2, 2, 5, 4, 5),
            new Group("Need Attention", 1, 3, 3, 5, 3, 5),
            new Group("About To Sleep", 2, 3, 1, 3, 1, 4),
            new Group("Lost", 1, 1, 1, 5, 1, 5));

    static final Map<String, List<Group>> ALL = Map.of("standard_rfm", STANDARD_RFM);

    private RfmPresets() {
    }
}
