package io.segflow.cli;

import io.segflow.core.project.SourceTable;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.TableInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Work with warehouse catalogs. `catalog pull` snapshots the column names and types of every "
                + "source table of the target into catalog/<target>.yml, which compile then uses offline (CI).")
final class CatalogCommand extends ProjectCommand {
    @Parameters(index = "0", paramLabel = "ACTION", description = "pull")
    String action;

    @Override
    int run(Workspace ws) {
        if (!"pull".equals(action)) {
            console.error("unknown catalog action '" + action + "' (use: segflow catalog pull --target NAME)");
            return PROJECT_ERROR;
        }
        Map<RelationName, List<ColumnDef>> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (SourceTable s : ws.project().sources()) {
            RelationName rel = new RelationName(s.database(), s.schema(), s.identifier() == null ? s.table() : s.identifier());
            Optional<TableInfo> info = ws.readOnlyAdapter().describe(rel);
            if (info.isEmpty()) {
                missing.add(rel.toString());
                continue;
            }
            List<ColumnDef> cols = info.get().columns().stream().map(c -> new ColumnDef(
                    ws.adapter().flavor().catalogName(c.name()), c.type(), c.nullable())).toList();
            found.put(rel, cols);
        }
        CatalogSnapshot.write(ws.project().root(), ws.targetSpec().name(), ws.targetSpec().type(), found);
        console.info("wrote " + ws.project().root().relativize(CatalogSnapshot.file(ws.project().root(),
                ws.targetSpec().name())) + " with " + found.size() + " source tables");
        missing.forEach(m -> console.error("source table " + m + " does not exist in target " + ws.targetSpec().name()));
        return missing.isEmpty() ? OK : FAILURES;
    }
}
