package io.segflow.snowflake;

import io.segflow.spi.sql.BoundedMemo;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;

/**
 * Snowflake unparsing that leaves plain identifiers unquoted. Snowflake upper-cases unquoted names and matches
 * them case-insensitively, which is segflow's own name rule; quoting {@code "analytics"} would instead address a
 * lower-case schema users could only reach by quoting. Names with other characters, and reserved words, are
 * quoted (and then case-sensitive). The Snowflake adapter quotes by the same rule, see {@link #needsQuote}.
 */
public final class SnowflakeUnparseDialect extends SnowflakeSqlDialect {
    public static final SnowflakeUnparseDialect INSTANCE = new SnowflakeUnparseDialect();

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    /** Snowflake's reserved keywords (docs: "Reserved & limited keywords"). */
    private static final Set<String> RESERVED = Set.of("ACCOUNT", "ALL", "ALTER", "AND", "ANY", "AS", "BETWEEN", "BY",
            "CASE", "CAST", "CHECK", "COLUMN", "CONNECT", "CONNECTION", "CONSTRAINT", "CREATE", "CROSS", "CURRENT",
            "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "DATABASE", "DELETE", "DISTINCT",
            "DROP", "ELSE", "EXISTS", "FALSE", "FOLLOWING", "FOR", "FROM", "FULL", "GRANT", "GROUP", "GSCLUSTER",
            "HAVING", "ILIKE", "IN", "INCREMENT", "INNER", "INSERT", "INTERSECT", "INTO", "IS", "ISSUE", "JOIN",
            "LATERAL", "LEFT", "LIKE", "LOCALTIME", "LOCALTIMESTAMP", "MINUS", "NATURAL", "NOT", "NULL", "OF", "ON",
            "OR", "ORDER", "ORGANIZATION", "QUALIFY", "REGEXP", "REVOKE", "RIGHT", "RLIKE", "ROW", "ROWS", "SAMPLE",
            "SCHEMA", "SELECT", "SET", "SOME", "START", "TABLE", "TABLESAMPLE", "THEN", "TO", "TRIGGER", "TRUE",
            "TRY_CAST", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "VIEW", "WHEN", "WHENEVER", "WHERE", "WITH");

    private SnowflakeUnparseDialect() {
        super(SnowflakeSqlDialect.DEFAULT_CONTEXT);
    }

    /** Answers per name: a compile prints the same few hundred names thousands of times. */
    private static final BoundedMemo<String, Boolean> NEEDS_QUOTE = new BoundedMemo<>(50_000);

    /** Whether Snowflake needs {@code name} in double quotes to mean what segflow means by it. */
    public static boolean needsQuote(String name) {
        return NEEDS_QUOTE.get(name, n -> !PLAIN.matcher(n).matches() || RESERVED.contains(n.toUpperCase(Locale.ROOT)));
    }

    @Override
    protected boolean identifierNeedsQuote(String val) {
        return needsQuote(val);
    }
}
