package io.segflow.core.project;

import java.nio.file.Path;

/** A SQL file under tests/: the test fails when the query returns any row. */
public record SingularTest(String name, Path path, String sql) {
    public String uniqueId() {
        return "test." + name;
    }
}
