package io.segflow.core.compile;

import io.segflow.core.project.ColumnSpec;
import io.segflow.core.project.Feature;
import io.segflow.core.project.SegmentSpec;
import io.segflow.core.project.SourceTable;
import io.segflow.core.project.TestSpec;
import io.segflow.core.sql.ColumnOrigin;
import io.segflow.spi.ColumnDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documentation half of manifest.json: descriptions, PII flags, column tests, the SQL template and each column's
 * direct lineage, so that {@code segflow docs} can build the site from artifacts alone (no project, no warehouse).
 */
final class ManifestDocs {
    private ManifestDocs() {
    }

    static void describeNode(CompiledProject cp, CompiledNode n, Map<String, Object> m) {
        Optional<Feature> feature = cp.project().feature(n.name());
        m.put("raw_sql", feature.map(Feature::sql).orElse(null));
        feature.ifPresent(f -> {
            annotateColumns(m, f.columns());
            m.put("tests", tests(f.tests()));
        });
        Map<String, Object> lineage = new LinkedHashMap<>();
        for (ColumnDef c : n.columns()) {
            List<String> parents = new ArrayList<>();
            for (ColumnOrigin o : cp.lineage().direct(n.id(), c.name())) parents.add(o.relation() + "." + o.column());
            parents.sort(String::compareTo);
            lineage.put(c.name(), parents);
        }
        m.put("column_lineage", lineage);
    }

    static void describeSource(CompiledProject cp, String id, Map<String, Object> m) {
        Optional<SourceTable> source = cp.project().sources().stream().filter(s -> s.uniqueId().equals(id)).findFirst();
        source.ifPresent(s -> {
            describe(s.description(), s.columns(), m);
            m.put("tests", tests(s.tests()));
        });
    }

    static void describe(String description, List<ColumnSpec> specs, Map<String, Object> m) {
        m.put("description", description);
        annotateColumns(m, specs);
    }

    static void describeSegment(SegmentSpec spec, Map<String, Object> m) {
        Object description = spec.body().get("description");
        m.put("description", description == null ? null : description.toString());
        // the spec keeps no key order: the usual leading keys first, the rest by name, so the docs read stably
        Map<String, Object> definition = new LinkedHashMap<>();
        for (String key : List.of("name", "type", "description", "from")) {
            if (spec.body().containsKey(key)) definition.put(key, spec.body().get(key));
        }
        new java.util.TreeMap<>(spec.body()).forEach(definition::putIfAbsent);
        m.put("definition", definition);
    }

    /** Adds description, pii and tests to the typed column entries (the columns stay those the SQL has). */
    @SuppressWarnings("unchecked")
    private static void annotateColumns(Map<String, Object> m, List<ColumnSpec> specs) {
        List<Map<String, Object>> cols = (List<Map<String, Object>>) m.get("columns");
        for (ColumnSpec spec : specs) {
            cols.stream().filter(c -> spec.name().equalsIgnoreCase((String) c.get("name"))).findFirst().ifPresent(col -> {
                col.put("description", spec.description());
                col.put("pii", spec.pii());
                col.put("tests", tests(spec.tests()));
            });
        }
    }

    private static List<String> tests(List<TestSpec> specs) {
        return specs.stream().map(ManifestDocs::test).toList();
    }

    /** e.g. {@code not_null}, {@code expression_is_true: orders >= 0}, {@code accepted_values: values=[a, b], quote=true}. */
    private static String test(TestSpec t) {
        if (t.args().isEmpty()) return t.kind();
        if (t.args().size() == 1) return t.kind() + ": " + t.args().values().iterator().next();
        return t.kind() + ": " + t.args().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
