package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI, in a fresh JVM (so java.util.logging starts from its defaults, as for a user), against a
 * {@code type: snowflake} target on a closed loopback port: one message naming the target, no driver
 * {@code SEVERE} lines, and with {@code --log-format json} nothing but JSON lines.
 */
class SnowflakeUnreachableCliTest {
    @TempDir
    Path tmp;

    record Exit(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @Test
    void textOutputIsOneClearMessageWithoutDriverNoise() throws Exception {
        Exit r = run(project(), "run");
        assertTrue(r.code() == 1 || r.code() == 2, "exit " + r.code() + ": " + r.all());
        assertFalse(r.all().contains("SEVERE"), r.all());
        assertTrue(r.all().contains("'ci_snowflake'"), r.all());
        long mentions = r.all().lines().filter(l -> l.contains("ci_snowflake")).count();
        assertEquals(1, mentions, r.all());
        assertFalse(r.all().contains("\tat "), "stack trace without --debug: " + r.all());
    }

    @Test
    void jsonOutputIsJsonOnEveryLine() throws Exception {
        Exit r = run(project(), "run", "--log-format", "json");
        assertTrue(r.code() == 1 || r.code() == 2, "exit " + r.code() + ": " + r.all());
        assertFalse(r.all().contains("SEVERE"), r.all());
        ObjectMapper json = new ObjectMapper();
        List<String> lines = r.all().lines().filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty(), "no output at all");
        for (String line : lines) {
            try {
                assertTrue(json.readTree(line).isObject(), line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line + "\nall output:\n" + r.all(), e);
            }
        }
        assertTrue(r.all().contains("ci_snowflake"), r.all());
    }

    /** A fresh `segflow init` project whose only target is Snowflake on a loopback port nothing listens on. */
    private Path project() throws IOException {
        Path dir = tmp.resolve("shop");
        CliRunner.Result init = CliRunner.run(null, "init", dir.toString());
        assertEquals(0, init.code(), init.all());
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Files.writeString(dir.resolve("profiles.yml"), """
                shop:
                  target: ci_snowflake
                  outputs:
                    ci_snowflake:
                      type: snowflake
                      account: segflow_test
                      host: 127.0.0.1
                      port: %d
                      ssl: "off"
                      user: ci
                      password: "{{ env_var('SEGFLOW_TEST_SNOWFLAKE_PASSWORD') }}"
                      database: analytics
                      warehouse: ci
                      login_timeout_seconds: 5
                      retries: 0
                """.formatted(closedPort));
        return dir;
    }

    private static Exit run(Path projectDir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SegflowCli.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--project-dir", projectDir.toString()));
        Path out = projectDir.resolve("stdout.txt");
        Path err = projectDir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("SEGFLOW_TEST_SNOWFLAKE_PASSWORD", "not-a-real-password");
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("segflow " + String.join(" ", args) + " still running after 30 s: "
                    + Files.readString(out) + Files.readString(err));
        }
        return new Exit(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
