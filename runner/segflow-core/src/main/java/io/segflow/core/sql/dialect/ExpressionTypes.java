package io.segflow.core.sql.dialect;

import io.segflow.spi.sql.ValidatedTypes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * The validator's types of a query's expressions, keyed by source span. Dialect compilation re-parses the same
 * text, so a re-parsed node finds its type by its span; translations that depend on a type (date or timestamp
 * arithmetic on BigQuery) use it.
 */
public final class ExpressionTypes implements ValidatedTypes {
    /** Types of nothing (compiles without type-dependent choices; falls back to syntax). */
    public static final ExpressionTypes NONE = new ExpressionTypes(Map.of());

    private final Map<Span, SqlTypeName> types;

    private ExpressionTypes(Map<Span, SqlTypeName> types) {
        this.types = types;
    }

    /**
     * Collects the types the validator derived, node by node, during a walk of the validated tree that other checks
     * share; the first node of a span wins.
     */
    public static final class Collector {
        private final SqlValidator validator;
        private final Map<Span, SqlTypeName> types = new HashMap<>();

        public Collector(SqlValidator validator) {
            this.validator = validator;
        }

        public void add(SqlNode node) {
            // generated nodes (GeneratedTrees) have no position: keyed by it, their types would be each other's
            if (node instanceof SqlNodeList || node.getParserPosition().getLineNum() == 0) return;
            RelDataType t = null;
            try {
                t = validator.getValidatedNodeTypeIfKnown(node);
            } catch (RuntimeException ignored) {
                // some nodes (e.g. select lists) have no type of their own
            }
            if (t != null && t.getSqlTypeName() != null) types.putIfAbsent(Span.of(node.getParserPosition()), t.getSqlTypeName());
        }

        public ExpressionTypes build() {
            return new ExpressionTypes(Map.copyOf(types));
        }
    }

    /** The type of the node at {@code node}'s span, if the validator knew it. */
    @Override
    public Optional<SqlTypeName> of(SqlNode node) {
        if (node == null) return Optional.empty();
        return Optional.ofNullable(types.get(Span.of(node.getParserPosition())));
    }

    public int size() {
        return types.size();
    }

    private record Span(int line, int column, int endLine, int endColumn) {
        static Span of(SqlParserPos p) {
            return new Span(p.getLineNum(), p.getColumnNum(), p.getEndLineNum(), p.getEndColumnNum());
        }
    }
}
