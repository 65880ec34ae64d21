package io.segflow.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesSegmentTest {
    static final String CUSTOMERS = "(1, 'a@x', 5000, 12, 'DE'), (2, 'b@x', 300, 2, 'FR'), (3, 'c@x', 0, 0, 'DE'),"
            + " (4, 'd@x', 1500, 6, 'IT'), (5, null, null, null, 'DE')";

    @TempDir
    Path dir;

    @Test
    void firstMatchWinsAndElseCatchesTheRest() throws Exception {
        CompiledProject cp = SegmentProjects.compile(SegmentProjects.write(dir, """
                segments:
                  - name: value
                    type: rules
                    from: customers
                    rules:
                      - {name: vip, when: "revenue > 1000 and orders_count >= 10"}
                      - {name: regular, when: "revenue > 1000"}
                      - {name: small, when: "orders_count > 0"}
                    else: dormant
                    score: revenue
                """));
        CompiledSegment s = cp.segments().get("segment.value");
        assertEquals(List.of("vip", "regular", "small", "dormant"), s.plan().segmentNames());
        assertTrue(cp.dag().node("segment.value").isPresent());
        assertTrue(cp.dag().parents("segment.value").contains("feature.customers"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            SegmentProjects.load(c, CUSTOMERS, "");
            List<String> rows = SegmentProjects.rows(c, "select entity_id, segment, score from (" + s.compiledSql()
                    + ") order by entity_id");
            assertEquals(List.of("1|vip|5000.0", "2|small|300.0", "3|dormant|0.0", "4|regular|1500.0", "5|dormant|null"), rows);
            String explanation = SegmentProjects.rows(c, "select explanation from (" + s.compiledSql() + ") where entity_id = 1").get(0);
            assertEquals("{\"rule\":\"vip\",\"index\":1,\"when\":\"revenue > 1000 and orders_count >= 10\"}", explanation);
        }
    }

    @Test
    void multiMembershipGivesEveryMatchingGroup() throws Exception {
        CompiledProject cp = SegmentProjects.compile(SegmentProjects.write(dir, """
                segments:
                  - name: flags
                    type: rules
                    from: customers
                    mode: multi
                    rules:
                      - {name: big_spender, when: "revenue > 1000"}
                      - {name: german, when: "country = 'DE'"}
                    else: none
                """));
        CompiledSegment s = cp.segments().get("segment.flags");
        assertTrue(s.plan().multiMembership());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            SegmentProjects.load(c, CUSTOMERS, "");
            List<String> rows = SegmentProjects.rows(c, "select entity_id, segment from (" + s.compiledSql()
                    + ") order by entity_id, segment");
            assertEquals(List.of("1|big_spender", "1|german", "2|none", "3|german", "4|big_spender", "5|german"), rows);
        }
    }

    @Test
    void namesWithQuotesAndInjectionAttemptsStayLiterals() throws Exception {
        CompiledProject cp = SegmentProjects.compile(SegmentProjects.write(dir, """
                segments:
                  - name: tricky
                    type: rules
                    from: customers
                    rules:
                      - name: "Can't Lose \\"Them\\""
                        when: "revenue > 1000"
                      - name: "'; drop table raw.customers; --"
                        when: "revenue >= 0"
                    else: "x' || (select 1) || '"
                """));
        CompiledSegment s = cp.segments().get("segment.tricky");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            SegmentProjects.load(c, CUSTOMERS, "");
            List<String> rows = SegmentProjects.rows(c, "select entity_id, segment from (" + s.compiledSql()
                    + ") order by entity_id");
            assertEquals(List.of("1|Can't Lose \"Them\"", "2|'; drop table raw.customers; --",
                    "3|'; drop table raw.customers; --", "4|Can't Lose \"Them\"", "5|x' || (select 1) || '"), rows);
            assertEquals(List.of("5"), SegmentProjects.rows(c, "select count(*) from raw.customers"));
        }
    }

    @Test
    void badPredicatesArePositionedInTheYaml() {
        SegmentProjects.write(dir, """
                segments:
                  - name: value
                    type: rules
                    from: customers
                    rules:
                      - {name: vip, when: "revenue > 1000 and order_count >= 10"}
                      - name: other
                        when: revenue + 1
                    elsee: x
                """);
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> SegmentProjects.compile(dir));
        List<String> shown = e.diagnostics().stream().map(Diagnostic::format).toList();
        Diagnostic col = find(e, ErrorCode.UNKNOWN_COLUMN);
        assertEquals("segments/segments.yml:6:47", col.position().toString(), shown.toString());
        assertTrue(col.hint().contains("orders_count"), col.hint());
        Diagnostic notBool = e.diagnostics().stream().filter(d -> d.position().line() == 8).findFirst().orElseThrow();
        assertEquals(15, notBool.position().column(), shown.toString());
        assertTrue(notBool.message().contains("must be a condition"), notBool.message());
        Diagnostic unknownKey = find(e, ErrorCode.UNKNOWN_KEY);
        assertTrue(unknownKey.hint().contains("'else'"), unknownKey.hint());
    }

    @Test
    void aPredicateOnlyTheMembershipQueryRejectsIsStillReportedAloneAtItsYamlPosition() {
        // both predicates read known columns only, so they are proven by the membership query, which rejects the second
        SegmentProjects.write(dir, """
                segments:
                  - name: value
                    type: rules
                    from: customers
                    rules:
                      - {name: vip, when: "revenue > 1000"}
                      - name: other
                        when: revenue + 1
                """);
        Diagnostic notBool = onlyDiagnostic();
        assertEquals("segments/segments.yml:8:15", notBool.position().toString());
        assertTrue(notBool.message().contains("must be a condition"), notBool.message());
    }

    @Test
    void anAggregateInAPredicateIsRefusedAtItsYamlPosition() {
        // a rule is decided row by row; sum() over the whole input would need a GROUP BY the membership query has not
        SegmentProjects.write(dir, """
                segments:
                  - name: value
                    type: rules
                    from: customers
                    rules:
                      - {name: big, when: "revenue > 10"}
                      - {name: vip, when: "orders_count > 2 and sum(revenue) > 1000"}
                    else: small
                """);
        Diagnostic d = onlyDiagnostic();
        assertEquals(ErrorCode.SQL_VALIDATION, d.code());
        assertEquals("segments/segments.yml:7:49", d.position().toString());
        assertTrue(d.message().contains("'sum'"), d.message());
    }

    @Test
    void anAggregateAloneInAPredicateIsRefusedToo() {
        // alone, sum() makes a valid whole-table query: the check must not rely on a "not being grouped" error
        SegmentProjects.write(dir, """
                segments:
                  - name: value
                    type: rules
                    from: customers
                    rules:
                      - {name: vip, when: "count(*) > 1"}
                    else: small
                """);
        Diagnostic d = onlyDiagnostic();
        assertEquals("segments/segments.yml:6:28", d.position().toString());
        assertTrue(d.message().contains("'count' aggregates rows"), d.message());
    }

    @Test
    void personalDataCannotDecideMembership() {
        SegmentProjects.write(dir, """
                segments:
                  - name: gmail
                    type: rules
                    from: customers
                    rules:
                      - {name: gmail, when: "email like '%@gmail.com'"}
                """);
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> SegmentProjects.compile(dir));
        Diagnostic d = find(e, ErrorCode.PRIVACY);
        assertTrue(d.message().contains("raw.customers.email"), d.message());
        assertEquals(6, d.position().line());
    }

    @Test
    void personalDataCannotBeTheEntityKey() {
        SegmentProjects.write(dir, """
                segments:
                  - name: by_email
                    type: rules
                    from: customers
                    entity_key: email
                    rules:
                      - {name: all, when: "revenue >= 0"}
                """);
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> SegmentProjects.compile(dir));
        Diagnostic d = find(e, ErrorCode.PRIVACY);
        assertTrue(d.message().contains("entity_id"), d.message());
    }

    /** Compiling the project fails with exactly one problem, which is returned. */
    private Diagnostic onlyDiagnostic() {
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> SegmentProjects.compile(dir));
        assertEquals(1, e.diagnostics().size(), e.diagnostics().stream().map(Diagnostic::format).toList().toString());
        return e.diagnostics().get(0);
    }

    static Diagnostic find(DiagnosticException e, ErrorCode code) {
        return e.diagnostics().stream().filter(d -> d.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError(e.diagnostics().stream().map(Diagnostic::format).toList()));
    }
}
