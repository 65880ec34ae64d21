package io.segflow.core.compile;

import io.segflow.core.test.TestConfig;
import java.nio.file.Path;
import java.util.Set;

/**
 * A data test compiled to a query returning the failing rows. {@code attachedTo} is the id of the node
 * it checks (null for singular tests that ref several); {@code severity} is "error" or "warn".
 */
public record CompiledTest(String id, String name, String kind, String attachedTo, String column, String severity,
                           Path path, String compiledSql, Set<String> dependsOn,
                           TestConfig config) {
    public CompiledTest {
        dependsOn = Set.copyOf(dependsOn);
    }

    public boolean warnOnly() {
        return "warn".equals(severity);
    }
}
