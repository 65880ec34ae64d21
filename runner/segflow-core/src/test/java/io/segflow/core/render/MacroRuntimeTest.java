package io.segflow.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.MacroFile;
import io.segflow.core.project.Project;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dbt macro runtime: return(), adapter.dispatch, exceptions, execute, namespaces, run_query/statement. */
class MacroRuntimeTest {
    private static final String DISPATCHING = """
            {% macro fiscal_year(col) -%}
            {{ return(adapter.dispatch('fiscal_year', 'shop_utils')(col)) }}
            {%- endmacro %}
            {% macro default__fiscal_year(col) -%}extract(year from {{ col }}){%- endmacro %}
            {% macro duckdb__fiscal_year(col) -%}year({{ col }} + interval '3' month){%- endmacro %}
            """;
    private static final String PACKAGE = """
            {% macro cents(col) -%}({{ col }} / 100.0){%- endmacro %}
            {% macro columns_of() -%}{{ return(['a', 'b']) }}{%- endmacro %}
            """;

    private static TemplateRenderer renderer(String targetType, String projectMacros) {
        Project p = TestProjects.project(List.of(new MacroFile(Path.of("macros/m.sql"), projectMacros),
                new MacroFile(Path.of("packages/shop_utils/macros/p.sql"), PACKAGE, "shop_utils")));
        return new TemplateRenderer(p, "dev", targetType, Map.of(), TestProjects.resolver(p), Map.of());
    }

    private static String render(TemplateRenderer r, String template) {
        return r.render(TestProjects.request(template, false)).sql();
    }

    @Test
    void returnGivesTheCallerAValueNotText() {
        String macros = "{% macro pair() %}ignored text{{ return([1, 2]) }}{% endmacro %}"
                + "{% macro conf() %}{% do return({'k': 'v'}) %}{% endmacro %}";
        assertEquals("2 2 v", render(renderer("duckdb", macros),
                "{% set p = pair() %}{{ p | length }} {{ p[1] }} {{ conf().k }}"));
    }

    @Test
    void dispatchPicksTheTargetVariantElseTheDefault() {
        assertEquals("select year(d + interval '3' month)",
                render(renderer("duckdb", DISPATCHING), "select {{ fiscal_year('d') }}"));
        assertEquals("select extract(year from d)",
                render(renderer("postgres", DISPATCHING), "select {{ fiscal_year('d') }}"));
    }

    @Test
    void aLocalPackagesMacrosAreCallableByPackageName() {
        assertEquals("select (amount / 100.0), 2",
                render(renderer("duckdb", ""), "select {{ shop_utils.cents('amount') }}, {{ shop_utils.columns_of() | length }}"));
    }

    @Test
    void crossDatabaseMacrosRenderTheNeutralSpelling() {
        TemplateRenderer r = renderer("duckdb", "");
        assertEquals("(d + interval '-7' day)", render(r, "{{ dbt.dateadd('day', -7, 'd') }}"));
        assertEquals("(d + (n) * interval '1' month)", render(r, "{{ dbt.dateadd('month', 'n', 'd') }}"));
        assertEquals("date_diff('day', a, b)", render(r, "{{ dbt.datediff('a', 'b', 'day') }}"));
        assertEquals("cast(x as varchar) bigint", render(r, "cast(x as {{ dbt.type_string() }}) {{ dbt.type_bigint() }}"));
        assertEquals("a || b", render(r, "{{ dbt.concat(['a', 'b']) }}"));
        assertEquals("md5(cast(a as varchar))", render(r, "{{ dbt.hash('a') }}"));
        assertEquals("cast(a as integer)", render(r, "{{ dbt.safe_cast('a', dbt.type_int()) }}"));
    }

    @Test
    void executeIsTrueAndLogAddsNoOutput() {
        assertEquals("yes", render(renderer("duckdb", ""), "{% if execute %}yes{% endif %}{{ log('hi') }}"));
    }

    @Test
    void raiseCompilerErrorIsAPositionedErrorAtTheMacroLine() {
        String macros = "{% macro must_be_positive(x) %}\n{% if x < 0 %}\n"
                + "{{ exceptions.raise_compiler_error('x must be positive, got ' ~ x) }}\n{% endif %}\n{% endmacro %}";
        DiagnosticException e = assertThrows(DiagnosticException.class,
                () -> render(renderer("duckdb", macros), "select 1\n{{ must_be_positive(-2) }}"));
        Diagnostic d = e.diagnostics().get(0);
        assertEquals(ErrorCode.COMPILER_ERROR, d.code());
        assertEquals("x must be positive, got -2", d.message());
        assertEquals(Path.of("macros/m.sql"), d.position().file());
        assertEquals(3, d.position().line());
    }

    @Test
    void raiseCompilerErrorInAFeaturePointsAtTheCall() {
        DiagnosticException e = assertThrows(DiagnosticException.class,
                () -> render(renderer("duckdb", ""), "select 1\n  {{ exceptions.raise_compiler_error('no') }}"));
        assertEquals(new SourcePosition(Path.of("features/f.sql"), 2, 17), e.diagnostics().get(0).position());
    }

    @Test
    void runQueryOfflineIsAPositionedError() {
        DiagnosticException e = assertThrows(DiagnosticException.class,
                () -> render(renderer("duckdb", ""), "{% set t = run_query('select 1') %}"));
        Diagnostic d = e.diagnostics().get(0);
        assertEquals(ErrorCode.NEEDS_CONNECTION, d.code());
        assertEquals(1, d.position().line());
        assertTrue(d.message().startsWith("run_query() needs a connection"), d.message());
    }

    @Test
    void runQueryAndStatementReadTheTargetWhenConnected() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = c.createStatement()) {
                s.execute("create table pay as select * from (values ('card'), ('cash'), ('card')) as t(method)");
            }
            TemplateRenderer r = renderer("duckdb", "").withConnection(sql -> query(c, sql));
            String out = render(r, """
                    {%- set t = run_query('select distinct method from pay order by 1') -%}
                    {%- for m in t.columns[0].values() %}sum(case when method = '{{ m }}' then 1 end) as {{ m }}{% if not loop.last %}, {% endif %}{% endfor %}
                    {%- call statement('n', fetch_result=True) %}select count(*) as n from pay{% endcall %}
                    {{- ' /* ' ~ load_result('n')['data'][0][0] ~ ' */' -}}""");
            assertEquals("sum(case when method = 'card' then 1 end) as card, "
                    + "sum(case when method = 'cash' then 1 end) as cash\n /* 3 */", out);
        }
    }

    static QueryRunner.Result query(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> cols = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) cols.add(rs.getMetaData().getColumnLabel(i));
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= cols.size(); i++) row.add(rs.getObject(i));
                rows.add(row);
            }
            return new QueryRunner.Result(cols, rows);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
