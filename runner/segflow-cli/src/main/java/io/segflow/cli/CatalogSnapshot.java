package io.segflow.cli;

import io.segflow.core.compile.AtomicFile;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Source schemas snapshotted by {@code segflow catalog pull} into {@code catalog/<target>.yml}, so compile
 * validates sources declared without column types offline (CI) exactly as against the warehouse.
 */
final class CatalogSnapshot {
    private CatalogSnapshot() {
    }

    static Path file(Path projectRoot, String target) {
        return projectRoot.resolve("catalog").resolve(target + ".yml");
    }

    static void write(Path projectRoot, String target, String type, Map<RelationName, List<ColumnDef>> sources) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("target", target);
        root.put("type", type);
        Map<String, Object> tables = new LinkedHashMap<>();
        sources.forEach((rel, cols) -> {
            List<Object> list = new ArrayList<>();
            for (ColumnDef c : cols) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.put("type", c.type());
                if (!c.nullable()) m.put("nullable", false);
                list.add(m);
            }
            tables.put(rel.schema() + "." + rel.name(), list);
        });
        root.put("sources", tables);
        String yaml = "# Source schemas of target '" + target + "', written by `segflow catalog pull --target " + target
                + "`.\n# Commit it: compile reads it when no warehouse is open. Contains names and types only.\n"
                + new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(root);
        AtomicFile.write(file(projectRoot, target), yaml);
    }

    /** The snapshot's columns of {@code relation} (matched case-insensitively), if the snapshot has it. */
    static Optional<List<ColumnDef>> columns(Path projectRoot, String target, RelationName relation) {
        Path f = file(projectRoot, target);
        if (!Files.exists(f)) return Optional.empty();
        Object parsed;
        try {
            parsed = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(parsed instanceof Map<?, ?> root) || !(root.get("sources") instanceof Map<?, ?> sources)) {
            return Optional.empty();
        }
        String wanted = (relation.schema() + "." + relation.name()).toLowerCase(Locale.ROOT);
        for (Map.Entry<?, ?> e : sources.entrySet()) {
            if (!String.valueOf(e.getKey()).toLowerCase(Locale.ROOT).equals(wanted)) continue;
            List<ColumnDef> cols = new ArrayList<>();
            for (Object o : (List<?>) e.getValue()) {
                Map<?, ?> m = (Map<?, ?>) o;
                cols.add(new ColumnDef(String.valueOf(m.get("name")), String.valueOf(m.get("type")),
                        !Boolean.FALSE.equals(m.get("nullable"))));
            }
            return Optional.of(cols);
        }
        return Optional.empty();
    }
}
