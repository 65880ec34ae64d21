package io.segflow.core.sql;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;
import org.apache.calcite.sql.parser.impl.SqlParserImplConstants;

/**
 * Babel's grammar is Calcite's core grammar plus a few productions (DATEADD, DATE_PART, {@code ::}, {@code <=>},
 * SEMI/ANTI joins, ...) and a longer list of non-reserved keywords, generated from the same template; its parser
 * is about 2.5 times slower. A query that uses none of Babel's own tokens and that the core parser (same casing,
 * conformance and limits) accepts parses to the same tree, so the core parser answers those and Babel parses the
 * rest, which also gives every syntax error Babel's wording. {@code ParserChoiceTest} holds both trees equal over
 * the dialect corpus and the example projects.
 */
final class ParserChoice {
    private static final SqlParser.Config CORE = SqlEnvironment.PARSER.withParserFactory(SqlParserImpl.FACTORY);

    /**
     * Words (upper case) and symbols only Babel's lexer knows, derived from both token tables; the words as a trie,
     * so scanning a query's words neither copies nor upper-cases them.
     */
    private static final WordTrie BABEL_WORDS;
    private static final Set<String> BABEL_SYMBOLS = new LinkedHashSet<>();

    static {
        Set<String> core = new HashSet<>(Arrays.asList(SqlParserImplConstants.tokenImage));
        Set<String> words = new HashSet<>();
        for (String image : SqlBabelParserImplConstants.tokenImage) {
            if (core.contains(image) || !image.startsWith("\"") || image.length() < 3) continue;
            String token = image.substring(1, image.length() - 1);
            if (token.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) words.add(token);
            else BABEL_SYMBOLS.add(token);
        }
        BABEL_WORDS = new WordTrie(words);
    }

    private ParserChoice() {
    }

    /** The core parser's tree of {@code sql}, or null when Babel has to parse it. */
    static SqlNode parseWithCore(String sql) {
        if (needsBabel(sql)) return null;
        try {
            return SqlParser.create(sql, CORE).parseQuery();
        } catch (SqlParseException | RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code sql} contains a Babel-only symbol or word (anywhere, literals included: it only costs speed). */
    static boolean needsBabel(String sql) {
        for (String symbol : BABEL_SYMBOLS) {
            // "!=" is one token of both lexers (the longest match), so only a "!" of its own is Babel's
            String text = symbol.equals("!") ? sql.replace("!=", "") : sql;
            if (text.contains(symbol)) return true;
        }
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (!Character.isLetter(c) && c != '_') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) i++;
            if (BABEL_WORDS.containsIgnoreCase(sql, start, i)) return true;
        }
        return false;
    }
}
