package io.segflow.core.project;

import io.segflow.core.diagnostic.SourcePosition;
import java.util.List;

/** A documented column. {@code type} is a SQL type name or null (then inferred); {@code pii} marks personal data. */
public record ColumnSpec(String name, String type, String description, boolean pii, List<TestSpec> tests,
                         SourcePosition position) {
    public ColumnSpec {
        tests = List.copyOf(tests);
    }
}
