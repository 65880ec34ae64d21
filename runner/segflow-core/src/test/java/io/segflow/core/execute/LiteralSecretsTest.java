package io.segflow.core.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.Severity;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiteralSecretsTest {
    @TempDir
    Path dir;

    private Project load(String outputs) throws Exception {
        Files.writeString(dir.resolve("segflow_project.yml"), "name: tiny\n");
        Files.writeString(dir.resolve("profiles.yml"), "tiny:\n  target: dev\n  outputs:\n" + outputs);
        return new ProjectLoader(null).loadProject(dir);
    }

    @Test
    void aPasswordWrittenInProfilesIsAWarningNamingTheKey() throws Exception {
        Project p = load("""
                    dev:
                      type: duckdb
                    prod:
                      type: snowflake
                      account: acme
                      password: hunter2
                """);
        List<Diagnostic> warnings = Targets.literalSecrets(p);
        assertEquals(1, warnings.size());
        Diagnostic w = warnings.get(0);
        assertEquals(Severity.WARNING, w.severity());
        assertEquals(ErrorCode.TARGET, w.code());
        assertEquals("target 'prod' has a literal value for 'password' in profiles.yml", w.message());
        assertEquals("write password: \"{{ env_var('SNOWFLAKE_PASSWORD') }}\" and set SNOWFLAKE_PASSWORD in the"
                + " environment, so the secret stays out of the file", w.hint());
        assertEquals(new SourcePosition(Path.of("profiles.yml"), 6, 5), w.position());
    }

    @Test
    void secretsFromTheEnvironmentAndKeyFilePathsAreFine() throws Exception {
        Project p = load("""
                    dev:
                      type: duckdb
                    prod:
                      type: snowflake
                      password: "{{ env_var('SNOWFLAKE_PASSWORD') }}"
                      private_key_path: /etc/keys/rsa_key.p8
                      token: ""
                """);
        assertEquals(List.of(), Targets.literalSecrets(p));
    }
}
