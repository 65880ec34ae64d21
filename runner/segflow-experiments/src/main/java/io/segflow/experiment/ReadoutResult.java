package io.segflow.experiment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One readout of an experiment: per-arm results and the sample-ratio check on the counted entities. */
public record ReadoutResult(String experiment, boolean rate, LocalDate asOf, int windowDays, boolean cuped,
                            List<ReadoutStats.ArmResult> arms, SampleRatio.Result srm, Instant computedAt) {
    public ReadoutResult {
        arms = List.copyOf(arms);
    }
}
