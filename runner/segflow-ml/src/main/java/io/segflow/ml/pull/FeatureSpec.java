package io.segflow.ml.pull;

import java.util.Objects;

/** One model input: a numeric or boolean column of the pulled relation and what to do with its NULLs. */
public record FeatureSpec(String name, NullPolicy nullPolicy) {
    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nullPolicy, "nullPolicy");
        if (name.isBlank()) {
            throw new IllegalArgumentException("feature name is blank");
        }
    }

    public static FeatureSpec of(String name, NullPolicy policy) {
        return new FeatureSpec(name, policy);
    }
}
