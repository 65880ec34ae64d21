package io.segflow.postgres;

import io.segflow.spi.TargetConfig;
import java.nio.file.Path;
import java.util.Map;

/** The live server the Postgres suites run against (see {@link io.segflow.testkit.LivePostgres}), as a target. */
final class LivePostgres {
    private LivePostgres() {
    }

    static Map<String, Object> settings() {
        return io.segflow.testkit.LivePostgres.settings();
    }

    static TargetConfig target(String name, Path projectRoot) {
        return new TargetConfig(name, PostgresAdapterFactory.TYPE, settings(), projectRoot);
    }
}
