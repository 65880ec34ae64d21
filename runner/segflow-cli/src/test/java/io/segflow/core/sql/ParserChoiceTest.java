package io.segflow.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;

/**
 * {@link ParserChoice}: wherever the core parser answers, its tree is Babel's tree (same nodes, operators, text and
 * source positions), over the dialect corpus and everything the example project compiles; queries with Babel's
 * own syntax go to Babel. Each thread's core parser serves query after query and starts each one afresh.
 */
class ParserChoiceTest {
    @Test
    void coreParserTreesEqualBabelTreesOverTheCorpus() throws Exception {
        Map<String, String> corpus = corpus();
        int byCore = 0;
        for (Map.Entry<String, String> e : corpus.entrySet()) {
            String sql = SqlEnvironment.hideSpecialGrammar(e.getValue());
            SqlNode babel = SqlEnvironment.parseWithBabel(e.getValue());
            SqlNode chosen = SqlEnvironment.parse(e.getValue());
            assertTrue(babel.equalsDeep(chosen, Litmus.IGNORE), e.getKey() + ": trees differ");
            assertEquals(ansi(babel), ansi(chosen), e.getKey());
            assertEquals(positions(babel), positions(chosen), e.getKey() + ": positions differ");
            if (ParserChoice.parseWithCore(sql) != null) byCore++;
        }
        assertTrue(corpus.size() > 40, "corpus of " + corpus.size());
        assertTrue(byCore * 2 > corpus.size(), "the core parser answered only " + byCore + " of " + corpus.size());
    }

    @Test
    void babelSyntaxGoesToBabel() throws SqlParseException {
        for (String sql : List.of("select x::int from t", "select dateadd(month, 1, d) from t",
                "select if(a > 1, 2, 3) from t", "select a <=> b from t", "select * from t semi join u on t.a = u.a",
                "select date_part('year', d) from t")) {
            assertTrue(ParserChoice.needsBabel(sql), sql);
            assertNull(ParserChoice.parseWithCore(sql), sql);
            assertNotNull(SqlEnvironment.parse(sql), sql);
        }
        assertFalse(ParserChoice.needsBabel("select a, b from t where a >= 1 and b <> 'x' and a != 2"));
        assertTrue(ParserChoice.needsBabel("select !a from t"));
        // a word only Babel reserves is Babel's decision to refuse, not the core parser's to accept
        assertTrue(ParserChoice.needsBabel("select semi from t"));
    }

    @Test
    void theReusedCoreParserStartsEachQueryAfresh() throws SqlParseException {
        String params = "select a from t where b = ? and c in (?, ?)";
        String good = "select x, count(*) from \"s\".\"t\" where y > 1 group by x";
        for (int round = 0; round < 3; round++) {
            SqlNode tree = ParserChoice.parseWithCore(params);
            List<Integer> indexes = new ArrayList<>();
            collectParams(tree, indexes);
            assertEquals(List.of(0, 1, 2), indexes, "parameters are numbered from 0 in every query");
            // a parse that fails (the core parser stops half-way) does not leave anything behind for the next one
            assertNull(ParserChoice.parseWithCore("select a,, b from (select (c from t"));
            SqlNode next = ParserChoice.parseWithCore(good);
            SqlNode babel = SqlEnvironment.parseWithBabel(good);
            assertEquals(ansi(babel), ansi(next));
            assertEquals(positions(babel), positions(next));
            SqlNode again = ParserChoice.parseWithCore(good); // the same thread's parser, reused
            assertNotNull(again, "a reused parser reads quoted identifiers as the configuration says");
            assertEquals(positions(babel), positions(again));
        }
    }

    @Test
    void expressionsShareTheThreadsParserWithQueries() throws SqlParseException {
        // what a fresh core parser with the same casing and conformance answers, one text at a time
        org.apache.calcite.sql.parser.SqlParser.Config fresh = SqlEnvironment.PARSER
                .withParserFactory(org.apache.calcite.sql.parser.impl.SqlParserImpl.FACTORY);
        List<String> expressions = List.of("v2 > 100", "\"Amount\" * 1.1 between 3 and t.x",
                "case when status = 'done' then sum(amount) end", "coalesce(a, ?) + ?", "v1 >= 3 and v2 > 10");
        String query = "select a from t where b = ?";
        for (int round = 0; round < 3; round++) {
            for (String e : expressions) {
                SqlNode mine = ParserChoice.expressionWithCore(e);
                SqlNode theirs = org.apache.calcite.sql.parser.SqlParser.create(e, fresh).parseExpression();
                assertEquals(ansi(theirs), ansi(mine), e);
                assertEquals(positions(theirs), positions(mine), e);
                List<Integer> indexes = new ArrayList<>();
                collectParams(mine, indexes);
                assertEquals(e.contains("?") ? List.of(0, 1) : List.of(), indexes, e);
                assertNotNull(ParserChoice.parseWithCore(query), "a query after an expression on the same parser");
            }
            // not one expression, or not the core grammar: null, and the next text still parses
            assertNull(ParserChoice.expressionWithCore("v2 > 1) or (1 = 1"));
            assertNull(ParserChoice.expressionWithCore("a, b"));
            assertNull(ParserChoice.expressionWithCore("x::int > 1"));
            assertNull(ParserChoice.expressionWithCore("(".repeat(100_000)));
            assertNotNull(ParserChoice.expressionWithCore("v2 > 100"));
        }
    }

    @Test
    void aThreadsParserIsRenewedAfterItsShareOfParsesAndConfiguredAlike() throws SqlParseException {
        String good = "select x, count(*) from \"s\".\"t\" where y > 1 group by x";
        List<String> expected = positions(SqlEnvironment.parseWithBabel(good));
        ParserChoice.parseWithCore(good);
        Set<Object> parsers = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < 2 * ParserChoice.USES + 3; i++) {
            Object before = ParserChoice.threadsParser();
            if (before != null) parsers.add(before);
            SqlNode tree = ParserChoice.parseWithCore(good);
            assertNotNull(tree, "quoted identifiers read as the configuration says, by every parser of the thread");
            assertEquals(expected, positions(tree));
        }
        assertTrue(parsers.size() >= 2 && parsers.size() <= 4, "the thread renewed its parser every " + ParserChoice.USES
                + " parses, not on every parse: " + parsers.size() + " parsers");
    }

    private static void collectParams(SqlNode node, List<Integer> out) {
        if (node instanceof org.apache.calcite.sql.SqlDynamicParam p) out.add(p.getIndex());
        else if (node instanceof SqlNodeList list) list.forEach(n -> collectParams(n, out));
        else if (node instanceof SqlCall call) call.getOperandList().forEach(n -> collectParams(n, out));
    }

    @Test
    void syntaxErrorsKeepBabelsWording() {
        String sql = "select a,, b from t";
        SqlParseException babel = null;
        SqlParseException chosen = null;
        try {
            SqlEnvironment.parseWithBabel(sql);
        } catch (SqlParseException e) {
            babel = e;
        }
        try {
            SqlEnvironment.parse(sql);
        } catch (SqlParseException e) {
            chosen = e;
        }
        assertNotNull(babel);
        assertNotNull(chosen);
        assertEquals(babel.getMessage(), chosen.getMessage());
    }

    /** The dialect cases and every statement the example project compiles (features, tests, segments). */
    private static Map<String, String> corpus() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DialectGoldenTest.ROOT.resolve("cases"))) {
            for (Path p : files.sorted().toList()) out.put(p.getFileName().toString(), Files.readString(p));
        }
        List<String> extra = List.of("select a from t where a != 1 and b <> 2", "select a || 'x', b % 3 from t",
                "select * from t qualify row_number() over (partition by a order by b desc) = 1",
                "select a from t order by a limit 10 offset 2", "select d + interval '3' day, timestamp '2024-01-01 00:00:00' from t",
                "select a from t where b in (1, 2, 3) and c between 1 and 2 and e like 'x%'",
                "select count(*) filter (where a > 1), string_agg(b, ',' order by b) from t group by c",
                "select \"Mixed\".\"Case\", year, month, value from \"s\".\"t\" as \"Mixed\"");
        for (int i = 0; i < extra.size(); i++) out.put("extra." + i, extra.get(i));
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("segflow_project.yml"))) root = root.getParent();
        Project project = new ProjectLoader(null).loadProject(root);
        CompiledProject cp = new ProjectCompiler(project, new CompileOptions("dev", "duckdb", DuckDBSqlDialect.DEFAULT,
                Map.of(), Map.of(), null)).compile();
        cp.nodes().values().forEach(n -> out.put(n.id(), n.renderedSql()));
        cp.tests().values().forEach(t -> out.put(t.name(), t.compiledSql()));
        cp.segments().values().forEach(s -> {
            if (s.plan().membershipSql() != null) out.put(s.name(), s.plan().membershipSql());
            if (s.plan().profileSql() != null) out.put(s.name() + ".profile", s.plan().profileSql());
        });
        return out;
    }

    private static String ansi(SqlNode node) {
        return node.toSqlString(c -> c.withDialect(AnsiSqlDialect.DEFAULT)).getSql();
    }

    /** Every node's class, operator and position, in tree order. */
    private static List<String> positions(SqlNode node) {
        List<String> out = new ArrayList<>();
        walk(node, out);
        return out;
    }

    private static void walk(SqlNode node, List<String> out) {
        if (node == null) {
            out.add("null");
            return;
        }
        String op = node instanceof SqlCall c ? " " + c.getOperator().getClass().getSimpleName() + ":" + c.getOperator().getName() : "";
        out.add(node.getClass().getSimpleName() + op + "@" + node.getParserPosition());
        if (node instanceof SqlNodeList list) list.forEach(n -> walk(n, out));
        else if (node instanceof SqlCall call) call.getOperandList().forEach(n -> walk(n, out));
    }
}
