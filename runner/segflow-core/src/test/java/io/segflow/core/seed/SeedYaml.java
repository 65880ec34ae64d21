package io.segflow.core.seed;

import io.segflow.core.seed.CsvFuzzer.Mutant;
import io.segflow.core.segment.SegmentSql;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes fuzzed seed options as the seeds.yml a user would write (double-quoted YAML scalars, escaped). */
final class SeedYaml {
    private SeedYaml() {
    }

    static String of(String name, Path path, Mutant.Options o) {
        StringBuilder sb = new StringBuilder("seeds:\n  - name: ").append(name).append("\n    path: ")
                .append(quote(path.toString())).append("\n    header: ").append(o.header())
                .append("\n    delimiter: ").append(quote(o.delimiter()))
                .append("\n    encoding: ").append(quote(o.encoding())).append('\n');
        if (!o.columnNames().isEmpty()) {
            sb.append("    column_names: [").append(o.columnNames().stream().map(SeedYaml::quote)
                    .collect(Collectors.joining(", "))).append("]\n");
        }
        if (!o.nullValues().isEmpty()) {
            sb.append("    null_values: [").append(o.nullValues().stream().map(SeedYaml::quote)
                    .collect(Collectors.joining(", "))).append("]\n");
        }
        map(sb, "formats", o.formats());
        map(sb, "column_types", o.types());
        return sb.toString();
    }

    private static void map(StringBuilder sb, String key, Map<String, String> m) {
        if (m.isEmpty()) return;
        sb.append("    ").append(key).append(": {").append(m.entrySet().stream()
                .map(e -> quote(e.getKey()) + ": " + quote(e.getValue())).collect(Collectors.joining(", "))).append("}\n");
    }

    /** A JSON string is a YAML double-quoted scalar; the fuzzed values are ASCII. */
    static String quote(String s) {
        return SegmentSql.json(s);
    }
}
