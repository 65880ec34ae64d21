package io.segflow.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {
    private final TemplateRenderer renderer = TestProjects.renderer(Map.of("country", "FR"), Map.of("DB_PASSWORD", "hunter2"));

    private RenderedSql render(String template, boolean incremental) {
        return renderer.render(TestProjects.request(template, incremental));
    }

    private List<Diagnostic> errors(String template) {
        return assertThrows(DiagnosticException.class, () -> render(template, false)).diagnostics();
    }

    @Test
    void refSourceVarConfigThisAndTarget() {
        RenderedSql r = render("""
                {{ config(materialized='table', unique_key='id', tags=['pii', 'daily']) }}
                select * from {{ ref('orders_clean') }} o join {{ source('shop', 'orders') }} s on o.id = s.id
                where country = '{{ var('country') }}' and age < {{ var('lookback_days') }} and k = '{{ var('missing', 'dflt') }}'
                -- {{ this }} {{ this.schema }}.{{ this.name }} {{ target.name }}/{{ target.type }}
                """, false);
        assertEquals("""

                select * from "analytics"."orders_clean" o join "raw"."orders" s on o.id = s.id
                where country = 'FR' and age < 90 and k = 'dflt'
                -- "analytics"."f" analytics.f dev/duckdb
                """, r.sql());
        assertEquals(List.of("orders_clean"), r.refs());
        assertEquals(List.of(new SourceRef("shop", "orders")), r.sources());
        assertEquals(Map.of("materialized", "table", "unique_key", "id", "tags", List.of("pii", "daily")), r.config());
    }

    @Test
    void isIncrementalBlocksAndLineMap() {
        String t = """
                select id, ts
                from {{ ref('orders_clean') }}
                {% if is_incremental() %}
                where ts > (select max(ts) from {{ this }})
                {% endif %}
                """;
        RenderedSql full = render(t, false);
        assertFalse(full.sql().contains("where"));
        RenderedSql inc = render(t, true);
        assertTrue(inc.sql().contains("where ts > (select max(ts) from \"analytics\".\"f\")"), inc.sql());
        String[] lines = inc.sql().split("\n", -1);
        int whereLine = indexOf(lines, "where ts") + 1;
        assertEquals(new SourcePosition(Path.of("features/f.sql"), 4, 7), inc.lineMap().map(whereLine, 7));
        // text after an expression keeps its exact column: "o" of "from" on line 2 col 1, the ref expands at col 6
        assertEquals(new SourcePosition(Path.of("features/f.sql"), 2, 6), inc.lineMap().map(2, 20));
    }

    @Test
    void macrosByImportFromImportAndDirectCall() {
        RenderedSql r = render("""
                {% import 'macros/money.sql' as money %}{% from 'macros/money.sql' import recency_bucket as rb %}
                {# a comment #}{% set scale = 3 %}
                select {{ money.cents_to_dollars('amount', scale) }} as a,
                  {{ cents_to_dollars('amount') }} as b,
                  {{ recency_bucket('days') }} as bucket,
                  x
                from t
                """, false);
        assertTrue(r.sql().contains("round(amount / 100.0, 3) as a"), r.sql());
        assertTrue(r.sql().contains("round(amount / 100.0, 2) as b"), r.sql());
        assertTrue(r.sql().contains("when days <= 30 then 'active'"), r.sql());
        String[] lines = r.sql().split("\n", -1);
        // lines of a multi-line macro expansion map to the call; text after it to its own line
        assertEquals(new SourcePosition(Path.of("features/f.sql"), 5, 3), r.lineMap().map(indexOf(lines, "when days") + 1, 3));
        assertEquals(new SourcePosition(Path.of("features/f.sql"), 6, 3), r.lineMap().map(indexOf(lines, "  x") + 1, 3));
        assertEquals(new SourcePosition(Path.of("features/f.sql"), 7, 6), r.lineMap().map(indexOf(lines, "from t") + 1, 6));
    }

    @Test
    void whitespaceControlIsUnchangedByMarkers() {
        RenderedSql r = render("select\n  {%- if true %} a {%- endif %},\n  b", false);
        assertEquals("select a,\n  b", r.sql());
    }

    @Test
    void unknownRefSourceVarAndEnvVarAreAllReportedAtTheirCalls() {
        List<Diagnostic> ds = errors("select * from {{ ref('orders_clen') }} join {{ source('shop', 'order') }}\n"
                + "where a = {{ var('nope') }} and b = '{{ env_var('NOPE_SECRET') }}'");
        assertEquals(List.of(
                "features/f.sql:1:18: error[SF201]: unknown feature 'orders_clen' in ref()\n  hint: did you mean 'orders_clean'?",
                "features/f.sql:1:48: error[SF202]: unknown source table 'shop.order' in source()\n  hint: did you mean 'shop.orders'?",
                "features/f.sql:2:14: error[SF203]: variable 'nope' is not set\n  hint: set it under vars: in segflow_project.yml, "
                        + "pass --vars, or give a default: var('nope', ...)",
                "features/f.sql:2:41: error[SF204]: environment variable 'NOPE_SECRET' is not set\n  hint: export NOPE_SECRET "
                        + "before running segflow, or give a default: env_var('NOPE_SECRET', '...')"),
                ds.stream().map(Diagnostic::format).toList());
    }

    @Test
    void envVarValuesComeFromTheGivenEnvironment() {
        assertEquals("pw=hunter2 d=x", renderer.renderString("pw={{ env_var('DB_PASSWORD') }} d={{ env_var('NONE', 'x') }}",
                new SourcePosition(Path.of("profiles.yml"), 7, 15)));
        DiagnosticException e = assertThrows(DiagnosticException.class, () ->
                renderer.renderString("{{ env_var('MISSING_PW') }}", new SourcePosition(Path.of("profiles.yml"), 7, 15)));
        assertEquals(ErrorCode.MISSING_ENV_VAR, e.diagnostics().get(0).code());
        assertEquals("profiles.yml:7:15", e.diagnostics().get(0).position().toString());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void typoInAVariableIsCaught() {
        List<Diagnostic> ds = errors("select 1,\n  {{ thiss }} from t");
        assertEquals(1, ds.size());
        assertEquals("features/f.sql:2:3: error[SF205]: unknown name 'thiss'\n  hint: did you mean 'this'?", ds.get(0).format());
    }

    @Test
    void templateSyntaxErrorHasTheTagPosition() {
        List<Diagnostic> ds = errors("select 1\nfrom t\n{% if true %}\nwhere x");
        assertEquals(ErrorCode.TEMPLATE_SYNTAX, ds.get(0).code());
        assertEquals("features/f.sql:3:1", ds.get(0).position().toString());
        assertTrue(ds.get(0).message().contains("Missing end tag: endif"), ds.get(0).message());
    }

    @Test
    void anUnclosedTagIsReportedWhereItOpens() {
        List<Diagnostic> ds = errors("select {# note #} a,\n  {{ var('country') as c\nfrom {{ ref('orders_clean') }}");
        assertEquals(List.of("features/f.sql:2:3: error[SF200]: '{{' is never closed\n  hint: add the matching '}}' "
                + "before the next Jinja tag (or the end of the file)"), ds.stream().map(Diagnostic::format).toList());
        assertEquals("features/f.sql:1:10", errors("select 1 {% if true\nfrom t").get(0).position().toString());
    }

    @Test
    void aTemplateOverTheStatementLimitIsRefusedBeforeRendering() {
        StringBuilder t = new StringBuilder("select 1 from t where id in (0");
        for (int i = 1; t.length() <= io.segflow.core.sql.StatementSize.MAX_CHARS; i++) t.append(", ").append(i);
        List<Diagnostic> ds = errors(t.append(")").toString());
        assertEquals(ErrorCode.SQL_VALIDATION, ds.get(0).code());
        assertTrue(ds.get(0).message().startsWith("statement too large"), ds.get(0).message());
    }

    @Test
    void errorInsideAMacroPointsAtTheMacroFile() {
        List<Diagnostic> ds = errors("select\n\n  {{ explode(1) }}");
        assertEquals(ErrorCode.TEMPLATE_ERROR, ds.get(0).code());
        assertEquals(Path.of("macros/broken.sql"), ds.get(0).position().file());
        assertEquals(2, ds.get(0).position().line());
    }

    private static int indexOf(String[] lines, String prefix) {
        for (int i = 0; i < lines.length; i++) if (lines[i].trim().startsWith(prefix.trim())) return i;
        throw new AssertionError("no line starting with " + prefix + " in " + String.join("\n", lines));
    }
}
