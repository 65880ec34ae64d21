package io.segflow.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compile refuses bad audience sets with positioned errors; the personal-data gate refuses a raw e-mail export. */
class AudienceCompileErrorsTest {
    @TempDir
    Path dir;

    @Test
    void rawEmailInAnExportIsRefusedAtItsLine() {
        String raw = AudienceProject.AUDIENCES.replace("{name: email_sha256, column: email, normalize: email}",
                "{name: email_sha256, column: email, normalize: email}\n            - {name: email, column: email, hash: none}");
        Diagnostic d = only(raw, ErrorCode.PRIVACY);
        assertTrue(d.message().contains("unhashed") && d.message().contains("raw.customers.email"), d.message());
        assertEquals(Path.of("audiences/campaign.yml"), d.position().file());
        assertEquals(24, d.position().line(), d.toString());
    }

    @Test
    void hashedEmailPassesTheGate() {
        try (AudienceProject p = new AudienceProject(dir, AudienceProject.AUDIENCES)) {
            assertTrue(p.compile().segments().containsKey("segment.campaign"));
        }
    }

    @Test
    void unknownGroupAndSegmentationAreReportedWithHints() {
        Diagnostic group = only(AudienceProject.AUDIENCES.replace("{tiers: [vip]}", "{tiers: [vips]}"), ErrorCode.AUDIENCE);
        assertTrue(group.message().contains("no group 'vips'") && group.hint().contains("vip"), group.toString());
        assertEquals(6, group.position().line());
        Diagnostic seg = only(AudienceProject.AUDIENCES.replace("{flags: [cart]}", "{flag: [cart]}"), ErrorCode.UNKNOWN_REF);
        assertTrue(seg.message().contains("unknown segmentation 'flag'") && seg.hint().contains("flags"), seg.toString());
    }

    @Test
    void suppressionConditionIsValidatedAgainstItsRelation() {
        Diagnostic d = only(AudienceProject.AUDIENCES.replace("where: \"not opted_in\"", "where: \"not opted\""),
                ErrorCode.UNKNOWN_COLUMN);
        assertEquals(13, d.position().line(), d.toString());
    }

    private Diagnostic only(String yaml, ErrorCode code) {
        try (AudienceProject p = new AudienceProject(dir, yaml)) {
            DiagnosticException e = assertThrows(DiagnosticException.class, p::compile);
            List<Diagnostic> found = e.diagnostics().stream().filter(x -> x.code() == code).toList();
            assertEquals(1, found.size(), e.diagnostics().toString());
            return found.get(0);
        }
    }
}
