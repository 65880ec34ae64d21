package io.segflow.core.dbt;

import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * dbt packages ({@code packages.yml} / {@code dependencies.yml}). Installing or reading packages is not done on this
 * branch: a packages file is a positioned warning so nothing is silently ignored. (The {@code local:} packages
 * implementation belongs here.)
 */
public final class DbtPackages {
    private DbtPackages() {
    }

    public static void check(Path root, Diagnostics diags) {
        for (String name : List.of("packages.yml", "dependencies.yml")) {
            if (Files.isRegularFile(root.resolve(name))) {
                diags.warning(ErrorCode.UNSUPPORTED_FEATURE, SourcePosition.of(Path.of(name)).at(1, 1), name
                        + " is not read: macros and tests of dbt packages are not available",
                        "copy the macros you need into macros/; see docs/dbt.md");
            }
        }
    }
}
