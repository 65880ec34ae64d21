package io.segflow.core.project;

import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.seed.CsvOptions;
import io.segflow.core.seed.SeedTypes;
import io.segflow.core.seed.StrftimeFormat;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Binds a seed's file-reading keys (header, column_names, delimiter, encoding, null_values, formats). */
final class SeedOptionsReader {
    private SeedOptionsReader() {
    }

    static CsvOptions csvOptions(Diagnostics diags, YamlFile file, Node node) {
        CsvOptions d = CsvOptions.defaults();
        boolean header = YamlFile.bool(node, "header", true);
        List<String> names = YamlFile.stringList(node, "column_names");
        Set<String> lower = new LinkedHashSet<>();
        for (String n : names) {
            if (n.isBlank() || !lower.add(n.toLowerCase(Locale.ROOT))) {
                diags.error(ErrorCode.INVALID_VALUE, file.pos(YamlFile.get(node, "column_names").orElseThrow()),
                        n.isBlank() ? "column_names has an empty name" : "column_names lists '" + n + "' twice",
                        "give each column a distinct name");
                names = List.of();
                break;
            }
        }
        Charset encoding = d.encoding();
        Node enc = YamlFile.get(node, "encoding").orElse(null);
        if (enc != null) {
            String name = YamlFile.scalarText(enc);
            try {
                encoding = Charset.forName(name == null ? "" : name.trim());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                diags.error(ErrorCode.INVALID_VALUE, file.pos(enc), "unknown encoding '" + name + "'",
                        "e.g. UTF-8 (the default), latin1, windows-1252, UTF-16");
            }
        }
        Set<String> nulls = new LinkedHashSet<>();
        for (Node item : YamlFile.items(node, "null_values")) {
            // the text as written: NULL and ~ are YAML nulls, but in a CSV they are the literal text
            if (item instanceof ScalarNode s) nulls.add(s.getValue());
        }
        String delimiter = YamlFile.string(node, "delimiter", d.delimiter());
        try {
            return new CsvOptions(header, names, delimiter, encoding, nulls);
        } catch (IllegalArgumentException e) {
            diags.error(ErrorCode.INVALID_VALUE, file.pos(YamlFile.get(node, "delimiter").orElseThrow()),
                    e.getMessage(), "e.g. delimiter: ';', delimiter: \"\\t\", delimiter: '||' or delimiter: whitespace");
            return new CsvOptions(header, names, d.delimiter(), encoding, nulls);
        }
    }

    /** Every declared type must be one seeds can load; the column names are checked when the file is read. */
    static void checkTypes(Diagnostics diags, YamlFile file, Node node, Map<String, String> types) {
        Node map = YamlFile.get(node, "column_types").orElse(null);
        if (!(map instanceof MappingNode m)) return;
        for (NodeTuple t : m.getValue()) {
            String type = YamlFile.scalarText(t.getValueNode());
            if (type != null && SeedTypes.portable(type) == null) {
                diags.error(ErrorCode.INVALID_VALUE, file.pos(t.getValueNode()), "column_types gives column '"
                        + YamlFile.scalarText(t.getKeyNode()) + "' the type '" + type + "', which seeds cannot load",
                        "use one of " + SeedTypes.ACCEPTED);
                types.remove(YamlFile.scalarText(t.getKeyNode()));
            }
        }
    }

    /** Every format must compile; the column names are checked against the file when it is read. */
    static void checkFormats(Diagnostics diags, YamlFile file, Node node, Map<String, String> formats) {
        Node map = YamlFile.get(node, "formats").orElse(null);
        if (!(map instanceof MappingNode m)) return;
        for (NodeTuple t : m.getValue()) {
            String pattern = YamlFile.scalarText(t.getValueNode());
            try {
                StrftimeFormat.compile(pattern == null ? "" : pattern);
            } catch (IllegalArgumentException e) {
                diags.error(ErrorCode.INVALID_VALUE, file.pos(t.getValueNode()), "format of column '"
                        + YamlFile.scalarText(t.getKeyNode()) + "': " + e.getMessage(),
                        "e.g. '%Y%m%d', '%d/%m/%Y', '%Y-%m-%d %H:%M:%S'");
                formats.remove(YamlFile.scalarText(t.getKeyNode()));
            }
        }
    }
}
