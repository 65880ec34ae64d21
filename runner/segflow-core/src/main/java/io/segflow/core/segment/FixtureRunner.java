package io.segflow.core.segment;

import io.segflow.core.compile.CompiledNode;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.execute.Targets;
import io.segflow.core.project.SourceTable;
import io.segflow.core.seed.CsvOptions;
import io.segflow.core.seed.CsvReader;
import io.segflow.core.sql.DialectCompiler;
import io.segflow.core.sql.ValidatedSql;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an {@code expected_members} fixture test on a private in-process warehouse (DuckDB in the standard build,
 * see {@code Targets.openInProcess}): the relations named under
 * {@code given} (feature names or {@code source('a', 'b')}) are created with the inline YAML rows or the
 * rows of a CSV file (path relative to the project root), the segment's membership query runs over them,
 * and the (entity_id, segment) pairs are compared with {@code expect}. No warehouse is touched.
 */
public final class FixtureRunner {
    private static final Pattern SOURCE =
            Pattern.compile("^\\s*source\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*$");

    /** Pairs missing from and unexpected in the actual membership ("entity_id|segment"). */
    public record Outcome(Set<String> missing, Set<String> unexpected) {
        public boolean passed() {
            return missing.isEmpty() && unexpected.isEmpty();
        }
    }

    private FixtureRunner() {
    }

    public static Outcome run(CompiledProject cp, CompiledSegment segment, Map<String, Object> args) {
        if (segment.plan().membershipSql() == null) {
            throw new IllegalArgumentException("expected_members needs a SQL segment type; '" + segment.type()
                    + "' computes members at run time");
        }
        if (!(args.get("given") instanceof Map<?, ?> given) || !(args.get("expect") instanceof List<?> expect)) {
            throw new IllegalArgumentException("expected_members needs `given: {relation: rows or csv path}` and "
                    + "`expect: [{entity_id: .., segment: ..}]`");
        }
        try (WarehouseAdapter duck = Targets.openInProcess("fixture", cp.project().root())) {
            for (Map.Entry<?, ?> e : given.entrySet()) {
                Target t = target(cp, String.valueOf(e.getKey()));
                duck.createSchemaIfMissing(t.relation().schema());
                List<Object[]> rows = rows(cp.project().root(), t.columns(), e.getValue());
                duck.bulkLoad(t.relation(), t.columns(), rows.iterator(), true);
            }
            String sql = DialectCompiler.compile(new ValidatedSql(segment.plan().membershipSql(), null, List.of(),
                    Map.of(), Set.of()), duck.dialect());
            Set<String> actual = new TreeSet<>();
            try (RowStream rs = duck.query("select entity_id, segment from (" + sql + ") m")) {
                while (rs.hasNext()) {
                    Object[] r = rs.next();
                    actual.add(r[0] + "|" + r[1]);
                }
            }
            Set<String> wanted = new TreeSet<>();
            for (Object o : expect) {
                if (!(o instanceof Map<?, ?> m)) throw new IllegalArgumentException("expect items are {entity_id, segment}");
                wanted.add(normalise(m.get("entity_id")) + "|" + m.get("segment"));
            }
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(actual);
            Set<String> unexpected = new TreeSet<>(actual);
            unexpected.removeAll(wanted);
            return new Outcome(missing, unexpected);
        }
    }

    private record Target(RelationName relation, List<ColumnDef> columns) {
    }

    private static Target target(CompiledProject cp, String name) {
        Matcher s = SOURCE.matcher(name);
        if (s.matches()) {
            SourceTable t = cp.project().source(s.group(1), s.group(2))
                    .orElseThrow(() -> new IllegalArgumentException("unknown source " + name));
            RelationName rel = new RelationName(t.database(), t.schema(), t.identifier() == null ? t.table() : t.identifier());
            return new Target(rel, cp.sources().get(rel));
        }
        var seed = cp.seeds().values().stream().filter(x -> x.seed().name().equals(name)).findFirst();
        if (cp.nodeByName(name).isEmpty() && seed.isPresent()) return new Target(seed.get().relation(), seed.get().columns());
        CompiledNode n = cp.nodeByName(name).orElseThrow(() -> new IllegalArgumentException("unknown feature " + name));
        return new Target(n.relation(), n.columns().stream().map(c -> new ColumnDef(c.name(), c.type(), true)).toList());
    }

    private static List<Object[]> rows(Path root, List<ColumnDef> columns, Object given) {
        List<Map<String, Object>> maps = new ArrayList<>();
        if (given instanceof String path) {
            maps.addAll(csv(root, path));
        } else if (given instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m)) throw new IllegalArgumentException("given rows must be mappings");
                Map<String, Object> row = new java.util.HashMap<>();
                m.forEach((k, v) -> row.put(String.valueOf(k).toLowerCase(Locale.ROOT), v));
                maps.add(row);
            }
        }
        List<Object[]> out = new ArrayList<>();
        for (Map<String, Object> m : maps) {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                row[i] = convert(m.get(columns.get(i).name().toLowerCase(Locale.ROOT)), columns.get(i).type());
            }
            out.add(row);
        }
        return out;
    }

    private static List<Map<String, Object>> csv(Path root, String path) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (CsvReader csv = new CsvReader(root.resolve(path), Path.of(path), CsvOptions.defaults())) {
            List<String> header = csv.columns();
            while (csv.hasNext()) {
                String[] cells = csv.next();
                Map<String, Object> row = new java.util.HashMap<>();
                for (int i = 0; i < header.size(); i++) row.put(header.get(i).toLowerCase(Locale.ROOT), cells[i]);
                out.add(row);
            }
        }
        return out;
    }

    private static Object convert(Object v, String type) {
        if (v == null) return null;
        String t = type.toUpperCase(Locale.ROOT);
        String s = v.toString().trim();
        if (t.startsWith("INT") || t.equals("BIGINT") || t.equals("SMALLINT")) return v instanceof Number n ? n : Long.parseLong(s);
        if (t.equals("DOUBLE") || t.equals("FLOAT") || t.equals("REAL")) return v instanceof Number n ? n : Double.parseDouble(s);
        if (t.startsWith("DECIMAL")) return new BigDecimal(s);
        if (t.equals("TIMESTAMP")) return s.replace(' ', 'T');
        if (t.equals("BOOLEAN")) return v instanceof Boolean b ? b : Boolean.parseBoolean(s);
        return s;
    }

    private static String normalise(Object id) {
        if (id instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return String.valueOf(n.longValue());
        return String.valueOf(id);
    }

    static String show(Set<String> pairs) {
        List<String> l = new ArrayList<>(pairs);
        return Arrays.toString(l.subList(0, Math.min(5, l.size())).toArray()) + (l.size() > 5 ? " ..." : "");
    }
}
