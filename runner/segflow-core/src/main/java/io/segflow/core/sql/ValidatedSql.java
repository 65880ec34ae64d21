package io.segflow.core.sql;

import io.segflow.core.sql.dialect.ExpressionTypes;
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
 * (empty when it derives from none, e.g. {@code count(*)} or a literal). {@code expressionTypes} are the
 * validator's expression types by source span, for type-dependent dialect translations; {@code portability} what
 * the query needs from a target beyond neutral SQL (checked per target when emitted).
 */
public record ValidatedSql(String renderedSql, SqlNode validatedNode, List<ColumnDef> columns,
                           Map<String, Set<ColumnOrigin>> lineage, Set<RelationName> relationsUsed,
                           ExpressionTypes expressionTypes, Portability portability) {
    public ValidatedSql {
        columns = List.copyOf(columns);
        lineage = Collections.unmodifiableMap(new LinkedHashMap<>(lineage));
        relationsUsed = Collections.unmodifiableSet(new LinkedHashSet<>(relationsUsed));
        if (expressionTypes == null) expressionTypes = ExpressionTypes.NONE;
        if (portability == null) portability = Portability.NONE;
    }

    public ValidatedSql(String renderedSql, SqlNode validatedNode, List<ColumnDef> columns,
                        Map<String, Set<ColumnOrigin>> lineage, Set<RelationName> relationsUsed,
                        ExpressionTypes expressionTypes) {
        this(renderedSql, validatedNode, columns, lineage, relationsUsed, expressionTypes, Portability.NONE);
    }

    /** Without expression types (dialect translations then decide date vs timestamp by syntax only). */
    public ValidatedSql(String renderedSql, SqlNode validatedNode, List<ColumnDef> columns,
                        Map<String, Set<ColumnOrigin>> lineage, Set<RelationName> relationsUsed) {
        this(renderedSql, validatedNode, columns, lineage, relationsUsed, ExpressionTypes.NONE);
    }
}
