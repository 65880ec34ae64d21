package io.segflow.core.render;

import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.ColumnSpec;
import io.segflow.core.project.Feature;
import io.segflow.core.project.Project;
import io.segflow.core.project.Seed;
import io.segflow.core.project.SourceTable;
import io.segflow.core.seed.CsvReader;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The columns of a relation a template names ({@code ref('x')}, {@code source('s', 't')}, {@code this}), for
 * {@code adapter.get_columns_in_relation} and the dbt_utils macros built on it. Rendering happens before anything
 * is built, so the project's declarations come first (YAML {@code columns:}, a seed's CSV header); the target is
 * asked only for relations the project does not describe (when a connection is open).
 */
final class RelationColumns {
    private final Project project;
    private final RelationResolver resolver;

    RelationColumns(Project project, RelationResolver resolver) {
        this.project = project;
        this.resolver = resolver;
    }

    List<String[]> columnsOf(Object relation, QueryRunner runner, String function) {
        RelationName name = parse(relation);
        RenderState state = JinjaFunctions.STATE.get();
        if (name == null) {
            state.error(ErrorCode.TEMPLATE_ERROR, JinjaFunctions.callPosition(function),
                    function + "() needs a relation such as ref('x') or source('s', 't'), got '" + relation + "'", null);
            return List.of();
        }
        Optional<List<String[]>> declared = declared(name);
        if (declared.isPresent() && !declared.get().isEmpty()) return declared.get();
        if (runner != null) {
            try {
                List<String[]> out = new ArrayList<>();
                for (String c : runner.run("select * from " + JinjaFunctions.quote(name) + " where 1 = 0").columns()) {
                    out.add(new String[] {c, null});
                }
                return out;
            } catch (RuntimeException e) {
                // fall through to the error below: the relation is not built yet
            }
        }
        state.error(ErrorCode.NEEDS_CONNECTION, JinjaFunctions.callPosition(function),
                "the columns of " + JinjaFunctions.quote(name) + " are not known while rendering",
                "declare them under columns: in the YAML of that feature or source (seeds read their CSV header)");
        return List.of();
    }

    private Optional<List<String[]>> declared(RelationName name) {
        for (SourceTable s : project.sources()) {
            if (same(resolver.source(s.source(), s.table()), name)) return Optional.of(specs(s.columns()));
        }
        for (Feature f : project.features()) {
            if (same(resolver.ref(f.name()), name)) return Optional.of(specs(f.columns()));
        }
        for (Seed s : project.seeds()) {
            if (!same(resolver.ref(s.name()), name)) continue;
            if (!s.columns().isEmpty()) return Optional.of(specs(s.columns()));
            try (CsvReader csv = new CsvReader(project.root().resolve(s.path()), s.path(), s.csv())) {
                List<String[]> out = new ArrayList<>();
                for (String c : csv.columns()) out.add(new String[] {c, s.columnTypes().get(c)});
                return Optional.of(out);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static List<String[]> specs(List<ColumnSpec> columns) {
        return columns.stream().map(c -> new String[] {c.name(), c.type()}).toList();
    }

    private static boolean same(Optional<RelationName> a, RelationName b) {
        return a.isPresent() && a.get().schema().equalsIgnoreCase(b.schema()) && a.get().name().equalsIgnoreCase(b.name());
    }

    /** {@code "schema"."name"}, {@code "db"."schema"."name"} (as ref() renders) or a {@code this}-like value. */
    static RelationName parse(Object relation) {
        if (relation instanceof RelationValue r) return RelationName.of(r.getSchema(), r.getName());
        String text = TemplateMarkers.clean(String.valueOf(relation)).strip();
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        if (parts.size() < 2 || parts.size() > 3 || parts.stream().anyMatch(String::isEmpty)) return null;
        return RelationName.of(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
    }
}
