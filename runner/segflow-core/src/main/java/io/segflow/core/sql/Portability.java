package io.segflow.core.sql;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLibrary;

/**
 * What a validated query needs from a target beyond segflow's neutral (DuckDB-flavoured) SQL, found once during
 * validation and checked per target when the SQL is emitted: calls of functions that only some warehouses' SQL has
 * ({@code dateadd} is Snowflake's), and references to select-list aliases (inlined for every target).
 */
public record Portability(List<LibraryCall> libraryCalls, Set<String> lateralAliasRefs) {
    public static final Portability NONE = new Portability(List.of(), Set.of());

    /** A call of {@code function}, which exists in the SQL of {@code libraries} only, at {@code position}. */
    public record LibraryCall(String function, Set<SqlLibrary> libraries, SourcePosition position) {
    }

    public Portability {
        libraryCalls = List.copyOf(libraryCalls);
        lateralAliasRefs = Set.copyOf(lateralAliasRefs);
    }

    /**
     * The pristine parse of the query, ready for {@code dialect}'s translation: fails with positioned errors when it
     * calls functions the target lacks; select-list alias references are replaced by the aliased expressions.
     */
    public SqlNode prepare(SqlNode pristine, SqlDialect dialect) {
        SqlLibrary library = libraryOf(dialect);
        List<Diagnostic> missing = new ArrayList<>();
        for (LibraryCall c : libraryCalls) {
            if (library != null && c.libraries().contains(library)) continue;
            String where = c.libraries().stream().map(l -> l.fun).sorted().collect(Collectors.joining(", "));
            missing.add(Diagnostic.error(ErrorCode.UNKNOWN_FUNCTION, c.position(), "function " + c.function()
                            + " is not available on this target (it is " + where + " SQL)",
                    "segflow SQL is DuckDB-flavoured and translated for each warehouse: use the portable form "
                            + "(e.g. d + interval '1' month for dateadd); docs/sql.md lists the functions"));
        }
        if (!missing.isEmpty()) throw new DiagnosticException(missing);
        return LateralAliases.inline(pristine, lateralAliasRefs);
    }

    /** The Calcite function library of the dialect's database, matched by name; null when Calcite has none. */
    @SuppressWarnings("deprecation")
    static SqlLibrary libraryOf(SqlDialect dialect) {
        String product = dialect.getDatabaseProduct().name().replace("_", "").toLowerCase(Locale.ROOT);
        for (SqlLibrary l : SqlLibrary.values()) {
            if (l.name().replace("_", "").toLowerCase(Locale.ROOT).equals(product)) return l;
        }
        return null;
    }
}
