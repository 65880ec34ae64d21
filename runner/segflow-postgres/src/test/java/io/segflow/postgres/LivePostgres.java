package io.segflow.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import io.segflow.spi.TargetConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The live server the Postgres suites run against, from SEGFLOW_PG_HOST, SEGFLOW_PG_PORT, SEGFLOW_PG_USER,
 * SEGFLOW_PG_PASSWORD and SEGFLOW_PG_DB (what {@code .ci/postgres.sh} exports). Without them the suites are
 * skipped with that reason, except under {@code CI=true}, where a missing server is a failure.
 */
final class LivePostgres {
    private LivePostgres() {
    }

    static Map<String, Object> settings() {
        String host = System.getenv("SEGFLOW_PG_HOST");
        String db = System.getenv("SEGFLOW_PG_DB");
        String user = System.getenv("SEGFLOW_PG_USER");
        boolean live = host != null && !host.isBlank() && db != null && !db.isBlank() && user != null && !user.isBlank();
        String why = "no PostgreSQL server: set SEGFLOW_PG_HOST, SEGFLOW_PG_PORT, SEGFLOW_PG_USER, SEGFLOW_PG_PASSWORD"
                + " and SEGFLOW_PG_DB (source .ci/postgres.sh to start a local one)";
        if (!live && "true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true but " + why);
        Assumptions.assumeTrue(live, why);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("host", host);
        s.put("port", System.getenv().getOrDefault("SEGFLOW_PG_PORT", "5432"));
        s.put("user", user);
        s.put("password", System.getenv().getOrDefault("SEGFLOW_PG_PASSWORD", ""));
        s.put("dbname", db);
        s.put("sslmode", "disable");
        return s;
    }

    static TargetConfig target(String name, Path projectRoot) {
        return new TargetConfig(name, PostgresAdapterFactory.TYPE, settings(), projectRoot);
    }
}
