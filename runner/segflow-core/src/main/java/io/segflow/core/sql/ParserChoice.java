package io.segflow.core.sql;

import java.io.Reader;
import java.io.StringReader;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
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
    /** The parser each {@link SqlParser#create} call with {@link #CORE} made on this thread (read right after). */
    private static final ThreadLocal<Reinitialised> MADE = new ThreadLocal<>();
    private static final SqlParser.Config CORE = SqlEnvironment.PARSER.withParserFactory(reader -> {
        Reinitialised parser = new Reinitialised(reader);
        MADE.set(parser);
        return parser;
    });

    /**
     * One core parser per thread, handed each text in turn: building a parser allocates and zeroes some 80 KB of
     * character buffers and lookahead tables, about as much again as a feature's whole parse. A parser whose parse
     * failed is dropped, since the grammar may have stopped half-way through state of its own.
     */
    private static final ThreadLocal<Reinitialised> PARSERS = new ThreadLocal<>();

    /**
     * Parses a parser serves before it is replaced. A parse stores every token and lookahead record it makes into
     * the parser; once a long-lived parser has been promoted to G1's old generation, each of those stores pays the
     * collector's cross-generation barrier, and a parse took 30% longer than with a new parser. Renewed this often,
     * a parser dies young (a few milliseconds of parsing) at a negligible cost.
     */
    static final int USES = 256;

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

    /** The parser this thread would hand the next text (null when it makes a new one), for tests. */
    static Object threadsParser() {
        return PARSERS.get();
    }

    /** The core parser's tree of {@code sql}, or null when Babel has to parse it. */
    static SqlNode parseWithCore(String sql) {
        return needsBabel(sql) ? null : withCore(sql, SqlAbstractParserImpl::parseSqlStmtEof);
    }

    /**
     * The core parser's tree of {@code sql} as one expression (Babel's casing and conformance), or null when the
     * core grammar does not take it whole.
     */
    static SqlNode expressionWithCore(String sql) {
        return withCore(sql, SqlAbstractParserImpl::parseSqlExpressionEof);
    }

    private interface Production {
        SqlNode parse(SqlAbstractParserImpl parser) throws Exception;
    }

    private static SqlNode withCore(String sql, Production production) {
        Reinitialised parser = PARSERS.get();
        PARSERS.remove();
        try {
            if (parser == null) {
                // configured as SqlParser configures every parser it makes (casing, conformance, lexical state)
                SqlParser.create("", CORE);
                parser = MADE.get();
                MADE.remove();
            }
            parser.ReInit(new StringReader(sql));
            parser.setOriginalSql(sql);
            SqlNode node = production.parse(parser);
            if (++parser.uses < USES) PARSERS.set(parser);
            return node;
        } catch (Exception | Error e) {
            // as SqlParser, which turns whatever its parser throws into a parse error (a deep nesting included)
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) throw (Error) e;
            return null;
        }
    }

    /**
     * The core parser, set up afresh for each query. Calcite's re-initialisation for the next text keeps the count
     * of {@code ?} parameters and the last query's warnings, and puts the lexer back in its default state (which
     * reads {@code "x"} as a string, not an identifier); this one restarts the count, forgets the warnings and goes
     * back to the lexical state its configuration chose.
     */
    private static final class Reinitialised extends SqlParserImpl {
        private LexicalState lexicalState;
        private int uses;

        Reinitialised(Reader reader) {
            super(reader);
        }

        @Override
        public void switchTo(LexicalState state) {
            lexicalState = state;
            super.switchTo(state);
        }

        @Override
        public void ReInit(Reader stream) {
            super.ReInit(stream);
            nDynamicParams = 0;
            warnings.clear();
            if (lexicalState != null) super.switchTo(lexicalState);
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
