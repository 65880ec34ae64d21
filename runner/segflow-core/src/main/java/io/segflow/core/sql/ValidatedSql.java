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
import java.util.function.Supplier;
import org.apache.calcite.sql.SqlNode;

/**
 * A query that parsed and validated against the {@link SqlCatalog}. {@code parsed} is the parse tree as the
 * parser produced it (copied before validation, which rewrites the tree it is given; null when only the text is
 * known), the tree every dialect is unparsed from. {@code columns} is the output row type in portable type
 * names; {@link #lineage()} maps each output column to the catalog columns it derives from (empty when it derives
 * from none, e.g. {@code count(*)} or a literal) and is computed on first use only. {@code expressionTypes} are
 * the validator's expression types by source span, for type-dependent dialect translations; {@code portability}
 * what the query needs from a target beyond neutral SQL (checked per target when emitted).
 */
public final class ValidatedSql {
    private final String renderedSql;
    private final SqlNode parsed;
    private final List<ColumnDef> columns;
    private final Set<RelationName> relationsUsed;
    private final ExpressionTypes expressionTypes;
    private final Portability portability;
    private Supplier<Map<String, Set<ColumnOrigin>>> lineageSource;
    private Map<String, Set<ColumnOrigin>> lineage;

    public ValidatedSql(String renderedSql, SqlNode parsed, List<ColumnDef> columns,
                        Supplier<Map<String, Set<ColumnOrigin>>> lineage, Set<RelationName> relationsUsed,
                        ExpressionTypes expressionTypes, Portability portability) {
        this.renderedSql = renderedSql;
        this.parsed = parsed;
        this.columns = List.copyOf(columns);
        this.lineageSource = lineage;
        this.relationsUsed = Collections.unmodifiableSet(new LinkedHashSet<>(relationsUsed));
        this.expressionTypes = expressionTypes == null ? ExpressionTypes.NONE : expressionTypes;
        this.portability = portability == null ? Portability.NONE : portability;
    }

    /** Known lineage, without expression types (dialect translations then decide date vs timestamp by syntax). */
    public ValidatedSql(String renderedSql, SqlNode parsed, List<ColumnDef> columns,
                        Map<String, Set<ColumnOrigin>> lineage, Set<RelationName> relationsUsed) {
        this(renderedSql, parsed, columns, () -> lineage, relationsUsed, ExpressionTypes.NONE, Portability.NONE);
    }

    public String renderedSql() {
        return renderedSql;
    }

    /** The pristine parse tree (never handed to a validator); null when built from text alone. */
    public SqlNode parsed() {
        return parsed;
    }

    public List<ColumnDef> columns() {
        return columns;
    }

    public Set<RelationName> relationsUsed() {
        return relationsUsed;
    }

    public ExpressionTypes expressionTypes() {
        return expressionTypes;
    }

    public Portability portability() {
        return portability;
    }

    /** Column lineage, computed on the first call (it converts the query to relational algebra). */
    public synchronized Map<String, Set<ColumnOrigin>> lineage() {
        if (lineage == null) {
            lineage = Collections.unmodifiableMap(new LinkedHashMap<>(lineageSource.get()));
            lineageSource = null;
        }
        return lineage;
    }
}
