package io.segflow.experiment;

import io.segflow.core.project.ExperimentSpec;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated experiment: who is targeted (groups of one segmentation; empty groups means all its members), the arms
 * with their shares in hash buckets, the salt, the dates new entities are assigned between, stratification, the
 * checks and the outcome. Built by {@link ExperimentDefinitions}.
 */
public record Experiment(String name, String segmentation, List<String> groups, Map<String, Double> arms,
                         String control, String salt, LocalDate start, LocalDate stop, Stratify stratify,
                         double srmThreshold, Mde mde, Outcome outcome, ExperimentSpec spec) {
    /** Buckets of the arm hash: shares are whole multiples of 1/BUCKETS. */
    public static final int BUCKETS = 10_000;
    public static final String HOLDOUT_ARM = "global_holdout";
    public static final double DEFAULT_SRM_THRESHOLD = 0.001;

    public Experiment {
        groups = List.copyOf(groups);
        arms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arms));
    }

    /** How entities are grouped at entry for the per-stratum sample-ratio check and readout counts. */
    public record Stratify(Kind kind, String feature, String column, int buckets) {
        public enum Kind { NONE, GROUP, FEATURE }

        public static final Stratify NONE = new Stratify(Kind.NONE, null, null, 0);
    }

    /** The smallest absolute effect on a rate the experiment must be able to detect. */
    public record Mde(double effect, double baselineRate, double power, double alpha) {
    }

    /** What the readout measures: any event (rate) or the sum of event values (value) in the days after entry. */
    public record Outcome(boolean rate, String eventsSql, int windowDays, Integer prePeriodDays) {
    }

    /** Upper bucket bound (exclusive) of each arm, in declaration order. */
    public Map<String, Integer> bucketBounds() {
        Map<String, Integer> out = new LinkedHashMap<>();
        double cumulative = 0;
        for (Map.Entry<String, Double> arm : arms.entrySet()) {
            cumulative += arm.getValue();
            out.put(arm.getKey(), (int) Math.round(cumulative * BUCKETS));
        }
        return out;
    }
}
