package io.segflow.spi.sql;

import java.util.Optional;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;

/** The validator's type of an expression of the tree a {@link SqlFlavor} translates, where it derived one. */
public interface ValidatedTypes {
    /** No types: translations fall back to syntax (a literal, a cast) to decide. */
    ValidatedTypes NONE = node -> Optional.empty();

    Optional<SqlTypeName> of(SqlNode node);
}
