package io.segflow.core.compile;

import io.segflow.core.test.TestConfig;
import java.nio.file.Path;
import java.util.Set;

/**
 * A data test compiled to a query returning the failing rows. {@code attachedTo} is the id of the node
 * it checks (null for singular tests that ref several); {@code severity} is "error" or "warn";
 * {@code failCalcSql} counts the failures with the test's {@code fail_calc} (null: the failing rows are counted).
 */
public record CompiledTest(String id, String name, String kind, String attachedTo, String column, String severity,
                           Path path, String compiledSql, Set<String> dependsOn,
                           TestConfig config, String failCalcSql) {
    public CompiledTest {
        dependsOn = Set.copyOf(dependsOn);
    }

    public boolean warnOnly() {
        return "warn".equals(severity);
    }
}
