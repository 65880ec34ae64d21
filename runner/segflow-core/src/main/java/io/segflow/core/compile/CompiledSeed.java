package io.segflow.core.compile;

import io.segflow.core.project.Seed;
import io.segflow.core.seed.SeedTable;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.List;

/** A seed with its warehouse relation and (declared or inferred) column types. */
public record CompiledSeed(String id, Seed seed, RelationName relation, SeedTable table) {
    public List<ColumnDef> columns() {
        return table.columns();
    }
}
