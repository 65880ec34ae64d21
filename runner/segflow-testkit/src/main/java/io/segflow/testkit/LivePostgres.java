package io.segflow.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The live PostgreSQL server the Postgres tests of every module run against, from SEGFLOW_PG_HOST, SEGFLOW_PG_PORT,
 * SEGFLOW_PG_USER, SEGFLOW_PG_PASSWORD and SEGFLOW_PG_DB (what {@code .ci/postgres.sh} exports). Without them the
 * calling test is skipped with that reason, except under {@code CI=true}, where a missing server is a failure.
 */
public final class LivePostgres {
    private LivePostgres() {
    }

    /** Adapter settings for the server's database ({@code host}, {@code port}, ..., {@code dbname}, {@code sslmode}). */
    public static Map<String, Object> settings() {
        String host = System.getenv("SEGFLOW_PG_HOST");
        String db = System.getenv("SEGFLOW_PG_DB");
        String user = System.getenv("SEGFLOW_PG_USER");
        boolean live = host != null && !host.isBlank() && db != null && !db.isBlank() && user != null && !user.isBlank();
        String why = "no PostgreSQL server: set SEGFLOW_PG_HOST, SEGFLOW_PG_PORT, SEGFLOW_PG_USER, SEGFLOW_PG_PASSWORD"
                + " and SEGFLOW_PG_DB (source .ci/postgres.sh to start a local one)";
        if (!live && "true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true but " + why);
        Assumptions.assumeTrue(live, why);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("host", host.trim());
        s.put("port", System.getenv().getOrDefault("SEGFLOW_PG_PORT", "5432"));
        s.put("user", user.trim());
        s.put("password", System.getenv().getOrDefault("SEGFLOW_PG_PASSWORD", ""));
        s.put("dbname", db.trim());
        s.put("sslmode", "disable");
        return s;
    }

    /** The JDBC URL of {@code database} on the server (for admin statements such as CREATE DATABASE). */
    public static String jdbcUrl(Map<String, Object> settings, String database) {
        return "jdbc:postgresql://" + settings.get("host") + ":" + settings.get("port") + "/" + database;
    }
}
