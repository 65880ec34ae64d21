package io.segflow.core.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.ContentHash;
import io.segflow.core.project.Project;
import io.segflow.core.sql.StatementSize;
import io.segflow.spi.RelationName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders feature SQL and YAML values with Jinja (dbt-style context: ref, source, var, env_var, config, this,
 * is_incremental, target, and every macro under macros/). Unknown names fail the render (strict mode);
 * every problem found is reported with its template position.
 */
public final class TemplateRenderer {
    private static final Pattern IN_FILE = Pattern.compile("^(?:\\w+ )?in `([^`]+)` on line (\\d+): (.*)$", Pattern.DOTALL);

    private final Project project;
    private final RelationResolver resolver;
    private final Map<String, String> env;
    private final Map<String, Object> vars;
    private final Map<String, Object> target;
    private final MacroSources macros;
    private final JinjavaConfig config;
    private final String targetType;
    private volatile QueryRunner queryRunner;
    /** Jinjava keeps per-render state in its global context; each rendering thread gets its own engine. */
    private final ThreadLocal<Jinjava> jinjava = ThreadLocal.withInitial(this::newJinjava);
    /**
     * Whether rendering an import prefix alone does nothing (see {@link #importsOnlyDefine}), by prefix (looked up
     * for every plain render) and by {@link #importsKey} (hashed once per prefix, for the compile cache);
     * {@code knownQuietImports} holds what an earlier compile found.
     */
    private final Map<String, Boolean> quietImports = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Boolean> quietImportsByKey = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Map<String, Boolean> knownQuietImports = Map.of();

    public TemplateRenderer(Project project, String targetName, String targetType, Map<String, Object> cliVars,
                            RelationResolver resolver, Map<String, String> env) {
        this.project = project;
        this.resolver = resolver;
        this.env = Map.copyOf(env);
        Map<String, Object> v = new HashMap<>(project.config().vars());
        v.putAll(cliVars);
        this.vars = v;
        Map<String, Object> t = new UsageRecordingMap();
        t.put("name", targetName);
        t.put("type", targetType);
        t.put("schema", project.config().schema());
        this.target = t;
        this.targetType = targetType;
        this.macros = MacroSources.of(project.root(), project.macros());
        this.config = JinjavaConfig.newBuilder().withFailOnUnknownTokens(true).build();
    }

    private Jinjava newJinjava() {
        Jinjava jinjava = new Jinjava(config);
        jinjava.setResourceLocator(macros);
        jinjava.getGlobalContext().registerTag(new ReturningMacroTag());
        function(jinjava, "return", "sf_return", Object.class);
        for (String fn : List.of("ref", "source", "var", "env_var", "config", "sf_call", "log")) {
            function(jinjava, fn, fn, Object[].class);
        }
        function(jinjava, "run_query", "run_query", Object.class);
        function(jinjava, "load_result", "load_result", Object.class);
        function(jinjava, "sf_statement", "sf_statement", Object.class, Object.class, Object.class);
        function(jinjava, "sf_connected", "sf_connected");
        function(jinjava, "is_incremental", "is_incremental");
        function(jinjava, "sf_enter_macro", "sf_enter_macro", String.class);
        function(jinjava, "sf_exit_macro", "sf_exit_macro");
        return jinjava;
    }

    /** Registers {@code JinjaFunctions.method} as the template function {@code name}. */
    private static void function(Jinjava jinjava, String name, String method, Class<?>... params) {
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", name, JinjaFunctions.class, method, params));
    }

    /** Renders one SQL template. */
    public RenderedSql render(RenderRequest req) {
        return render(req, true);
    }

    /** With {@code plainAllowed} false, through the interpreter whatever the template holds (tests compare both). */
    RenderedSql render(RenderRequest req, boolean plainAllowed) {
        StatementSize.check(req.template().length(), new SourcePosition(req.file(), 1, 1));
        UnclosedTags.check(req.template(), req.file());
        Optional<List<PlainTemplates.Call>> calls = plainAllowed ? PlainTemplates.calls(req.template()) : Optional.empty();
        if (calls.isPresent() && importsOnlyDefine(req.template())) {
            RenderedSql plain = PlainTemplates.render(req, calls.get(), resolver);
            if (plain != null) return plain;
        }
        String template = MacroSources.rewriteDispatch(req.template());
        TemplateMarkers markers = new TemplateMarkers(template, macros.importPrefix(template));
        RenderState state = new RenderState(req.file(), req.incremental(),
                (line, col) -> new SourcePosition(req.file(), line, markers.originalColumn(line, col)),
                template.split("\n", -1));
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("this", new RelationValue(req.self()));
        String out = run(markers.marked(), state, bindings);
        TemplateMarkers.Stripped stripped = markers.strip(out, req.file());
        return new RenderedSql(req.file(), stripped.sql(), new ArrayList<>(state.refs), new ArrayList<>(state.sources),
                state.config, stripped.lineMap(), state.inputs(), state.refPositions);
    }

    /**
     * Whether the macro imports a render of {@code template} starts with only define macros: statically (see
     * {@link MacroSources#importsOnlyDefine}) and, once per distinct set of imports, by rendering the imports alone
     * (a syntax error in a macro file fails every render, so those go through the interpreter).
     */
    boolean importsOnlyDefine(String template) {
        if (!macros.importsOnlyDefine(template)) return false;
        String prefix = macros.importPrefix(template);
        if (prefix.isEmpty()) return true;
        return quietImports.computeIfAbsent(prefix, p -> {
            String key = importsKey(p);
            Boolean quiet = knownQuietImports.get(key);
            if (quiet == null) quiet = rendersNothing(p);
            quietImportsByKey.put(key, quiet);
            return quiet;
        });
    }

    /** Whether rendering {@code prefix} alone gives nothing, reads nothing and reports nothing. */
    private boolean rendersNothing(String prefix) {
        Path where = Path.of("<imports>");
        RenderState probe = new RenderState(where, false, (line, col) -> new SourcePosition(where, line, col), null);
        try {
            return run(prefix, probe, new HashMap<>()).isEmpty() && probe.refs.isEmpty() && probe.sources.isEmpty()
                    && probe.config.isEmpty() && probe.diagnostics.isEmpty() && probe.inputs().equals(RenderInputs.NONE);
        } catch (DiagnosticException e) {
            return false;
        }
    }

    /**
     * An import prefix with every macro file's text (the prefix only names files), the vars and the target. A prefix
     * found quiet read no var and no environment variable (those are render inputs, which make it not quiet), so the
     * environment is left out: it differs from one shell to the next.
     */
    private String importsKey(String prefix) {
        return ContentHash.sha256(macros.contentKey() + "\0" + prefix + "\0" + new java.util.TreeMap<>(vars) + "\0"
                + new java.util.TreeMap<>(target));
    }

    /** Takes what an earlier compile found of rendering import prefixes alone (see {@link #quietImportsFound}). */
    public TemplateRenderer withKnownQuietImports(Map<String, Boolean> known) {
        this.knownQuietImports = Map.copyOf(known);
        return this;
    }

    /** Whether rendering each import prefix this renderer met does nothing, for {@link #withKnownQuietImports}. */
    public Map<String, Boolean> quietImportsFound() {
        return Map.copyOf(quietImportsByKey);
    }

    /** Renders a YAML value (e.g. {@code {{ env_var('DUCKDB_PATH') }}}); errors point into the YAML at {@code where}. */
    public String renderString(String template, SourcePosition where) {
        return renderString(template, where, true);
    }

    /** With {@code plainAllowed} false, through the interpreter whatever the value holds (tests compare both). */
    String renderString(String template, SourcePosition where, boolean plainAllowed) {
        // a relationships test's `to: "ref('customers')"` needs no interpreter (nor loading one)
        Optional<List<PlainTemplates.Call>> calls = plainAllowed ? PlainTemplates.calls(template) : Optional.empty();
        if (calls.isPresent()) {
            RenderedSql plain = PlainTemplates.render(new RenderRequest(where.file(), template, null, false), calls.get(),
                    resolver);
            if (plain != null) return plain.sql();
        }
        LineMap offset = LineMap.offset(where);
        RenderState state = new RenderState(where.file(), false, offset::map, null);
        return run(template, state, new HashMap<>());
    }

    /** The {@code target} mapping; reading any key of it marks the render as target-dependent. */
    private static final class UsageRecordingMap extends LinkedHashMap<String, Object> {
        @Override
        public Object get(Object key) {
            RenderState state = JinjaFunctions.STATE.get();
            if (state != null) state.targetUsed = true;
            return super.get(key);
        }
    }

    /** Lets {@code run_query()}, statements and column introspection reach the target (null: offline). */
    public TemplateRenderer withConnection(QueryRunner runner) {
        this.queryRunner = runner;
        return this;
    }

    QueryRunner queryRunner() {
        return queryRunner;
    }

    /** Generic tests the project, its packages and the bundled libraries define: YAML name to macro call. */
    public Map<String, String> genericTests() {
        return macros.genericTests();
    }

    /** Columns (name, type or null) of a relation a template passed, for star() and friends. */
    List<String[]> columnsOf(Object relation, String function) {
        return new RelationColumns(project, resolver).columnsOf(relation, queryRunner, function);
    }

    RelationResolver resolver() {
        return resolver;
    }

    /** Environment variables {@code env_var()} reads. */
    public Map<String, String> env() {
        return env;
    }

    /** Project vars overridden by CLI vars, as {@code var()} reads them. */
    public Map<String, Object> vars() {
        return vars;
    }

    List<String> featureNames() {
        return project.features().stream().map(f -> f.name()).toList();
    }

    List<String> sourceNames() {
        return project.sources().stream().map(s -> s.source() + "." + s.table()).toList();
    }

    private String run(String template, RenderState state, Map<String, Object> bindings) {
        Jinjava jinjava = this.jinjava.get();
        Context context = new Context(jinjava.getGlobalContext());
        context.put("target", target);
        context.put("execute", true);
        context.put("exceptions", new ExceptionsValue());
        context.put("adapter", new AdapterValue(targetType, List.copyOf(macros.namespaces())));
        for (String ns : macros.namespaces()) context.put(ns, new MacroNamespace(ns));
        context.putAll(bindings);
        Map<TemplateError, Path> errorFiles = new IdentityHashMap<>();
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, config) {
            @Override
            public void addError(TemplateError error) {
                super.addError(error);
                errorFiles.put(error, state.macroFiles.peekLast());
            }
        };
        JinjaFunctions.RENDERER.set(this);
        JinjaFunctions.STATE.set(state);
        JinjavaInterpreter.pushCurrent(interpreter);
        String out = "";
        try {
            out = interpreter.render(template);
        } catch (UnknownTokenException e) {
            String token = e.getToken() == null ? "?" : e.getToken();
            String first = token.split("[.\\[]", 2)[0];
            state.error(ErrorCode.TEMPLATE_ERROR, state.position(e.getLineNumber(), e.getStartPosition()),
                    "unknown name '" + token + "'", hint(first, context));
        } catch (InterpretException e) {
            state.error(ErrorCode.TEMPLATE_ERROR, state.position(e.getLineNumber(), e.getStartPosition()),
                    String.valueOf(e.getMessage()), null);
        } finally {
            JinjavaInterpreter.popCurrent();
            JinjaFunctions.RENDERER.remove();
            JinjaFunctions.STATE.remove();
        }
        List<Diagnostic> problems = new ArrayList<>();
        for (Diagnostic d : new LinkedHashSet<>(state.diagnostics)) {
            if (d.severity() == io.segflow.core.diagnostic.Severity.ERROR) problems.add(d);
            else System.err.println(d.format());
        }
        for (TemplateError err : interpreter.getErrors()) {
            if (err.getSeverity() != TemplateError.ErrorType.FATAL) continue;
            problems.add(toDiagnostic(err, errorFiles.get(err), state));
        }
        if (!problems.isEmpty()) {
            Set<Diagnostic> unique = new LinkedHashSet<>(problems);
            throw new DiagnosticException(new ArrayList<>(unique));
        }
        return out;
    }

    private Diagnostic toDiagnostic(TemplateError err, Path macroFile, RenderState state) {
        String message = err.getMessage() == null ? "template error" : err.getMessage();
        if (message.startsWith("Error invoking function") && err.getException() != null) {
            Throwable root = err.getException();
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            if (root.getMessage() != null) message = message + ": " + root.getMessage();
        }
        SourcePosition where;
        Matcher m = IN_FILE.matcher(message);
        if (m.matches()) {
            where = new SourcePosition(Path.of(m.group(1)), Integer.parseInt(m.group(2)), 0);
            message = m.group(3);
        } else if (macroFile != null) {
            where = new SourcePosition(macroFile, err.getLineno(), Math.max(err.getStartPosition(), 0));
        } else if (err.getSourceTemplate().isPresent()) {
            where = new SourcePosition(Path.of(err.getSourceTemplate().get()), err.getLineno(),
                    Math.max(err.getStartPosition(), 0));
        } else {
            where = state.position(err.getLineno(), Math.max(err.getStartPosition(), 1));
        }
        boolean syntax = err.getReason() == TemplateError.ErrorReason.SYNTAX_ERROR
                && err.getItem() != TemplateError.ErrorItem.FUNCTION
                && !message.startsWith("Error invoking") && !message.contains("do not match");
        return Diagnostic.error(syntax ? ErrorCode.TEMPLATE_SYNTAX : ErrorCode.TEMPLATE_ERROR, where,
                TemplateMarkers.clean(message), null);
    }

    private String hint(String name, Context context) {
        Set<String> known = new LinkedHashSet<>(List.of("this", "target", "ref", "source", "var", "env_var", "config",
                "is_incremental"));
        known.addAll(macros.allMacroNames());
        known.addAll(context.keySet());
        String h = ClosestNames.hint(name, known);
        return h != null ? h : "variables come from var('name'); macros are defined under macros/";
    }
}
