package io.segflow.core.sql;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;

/**
 * A query that parsed and validated against the {@link SqlCatalog}. {@code columns} is the output row type
 * in portable type names; {@code lineage} maps each output column to the catalog columns it derives from
 * (empty when it derives from none, e.g. {@code count(*)} or a literal).
 */
public record ValidatedSql(String renderedSql, SqlNode validatedNode, List<ColumnDef> columns,
                           Map<String, Set<ColumnOrigin>> lineage, Set<RelationName> relationsUsed) {
    public ValidatedSql {
        columns = List.copyOf(columns);
        lineage = Collections.unmodifiableMap(new LinkedHashMap<>(lineage));
        relationsUsed = Collections.unmodifiableSet(new LinkedHashSet<>(relationsUsed));
    }
}
