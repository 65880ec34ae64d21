package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example project's audience set through the CLI: `segflow build` publishes it and writes the overlap matrix,
 * `segflow export retention_campaigns --since-last` writes every member once and nothing the second time, and a raw
 * e-mail added to the export stops compile with SF601 (model segments left out: the set does not read them).
 */
class AudiencesEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void exampleAudienceSetBuildsExportsOnceAndRefusesARawEmail() throws Exception {
        Path project = CliRunner.copyExample(tmp.resolve("shop"), 2000);
        Files.delete(project.resolve("segments/models.yml"));
        Path audiences = project.resolve("audiences/campaigns.yml");
        Files.createDirectories(audiences.getParent());
        Files.copy(CliRunner.repoRoot().resolve("audiences/campaigns.yml"), audiences);

        CliRunner.Result build = CliRunner.run(project, "build");
        assertEquals(0, build.code(), build.all());
        assertTrue(build.out().contains("segment.retention_campaigns") && build.out().contains("overlap matrix:"), build.out());
        assertTrue(Files.exists(project.resolve("target/overlap.json")));
        long members = ExampleProjectEndToEndTest.scalar(project, "select count(*) from segments.retention_campaigns_members");
        assertTrue(members > 100, "members " + members);
        assertEquals(members, ExampleProjectEndToEndTest.scalar(project,
                "select count(distinct entity_id) from segments.retention_campaigns_members"));
        assertEquals(0, ExampleProjectEndToEndTest.scalar(project, "select count(*) from segments.retention_campaigns_members m "
                + "join analytics.customer_features f on f.customer_id = m.entity_id where not coalesce(f.marketing_opt_in, false) "
                + "or f.days_since_last_order <= 14"));

        CliRunner.Result first = CliRunner.run(project, "export", "retention_campaigns", "--since-last");
        assertEquals(0, first.code(), first.all());
        assertTrue(first.out().contains(members + " adds, 0 removes"), first.out());
        Path dir = project.resolve("target/exports/ads_sync");
        List<String> lines;
        try (Stream<Path> files = Files.list(dir)) {
            lines = Files.readAllLines(files.findFirst().orElseThrow());
        }
        assertEquals("audience,action,entity_id,email_sha256", lines.get(0));
        assertEquals(members + 1, lines.size());
        CliRunner.Result second = CliRunner.run(project, "export", "retention_campaigns", "--since-last");
        assertEquals(0, second.code(), second.all());
        assertTrue(second.out().contains("nothing written"), second.out());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }

        CliRunner.Result unknown = CliRunner.run(project, "export", "retention_campaign");
        assertEquals(2, unknown.code(), unknown.all());
        assertTrue(unknown.err().contains("SF651"), unknown.all());

        Files.writeString(audiences, Files.readString(audiences).replace(
                "- {name: email_sha256, column: email, normalize: email, hash: sha256}",
                "- {name: email_sha256, column: email, normalize: email, hash: sha256}\n            - {name: email, column: email, hash: none}"));
        CliRunner.Result raw = CliRunner.run(project, "compile");
        assertEquals(2, raw.code(), raw.all());
        assertTrue(raw.err().contains("error[SF601]") && raw.err().contains("audiences/campaigns.yml:"), raw.err());
    }
}
