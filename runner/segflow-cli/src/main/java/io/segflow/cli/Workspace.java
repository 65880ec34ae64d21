package io.segflow.cli;

import io.segflow.core.compile.ArtifactWriter;
import io.segflow.core.compile.CompileOptions;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.compile.EmitTarget;
import io.segflow.core.compile.ProjectCompiler;
import io.segflow.core.render.QueryRunner;
import io.segflow.spi.RowStream;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.execute.Targets;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import io.segflow.core.project.TargetSpec;
import io.segflow.datagen.ExampleDataGenerator;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.TableInfo;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseAdapterFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** One command's view of a project: loaded files, chosen target, compile, and a lazily opened warehouse. */
final class Workspace implements AutoCloseable {
    private final Project project;
    private final Console console;
    private final Map<String, Object> cliVars;
    private final TargetSpec targetSpec;
    private final WarehouseAdapterFactory factory;
    private WarehouseAdapter adapter;

    private Workspace(Project project, Console console, Map<String, Object> cliVars, TargetSpec targetSpec,
                      WarehouseAdapterFactory factory) {
        this.project = project;
        this.console = console;
        this.cliVars = cliVars;
        this.targetSpec = targetSpec;
        this.factory = factory;
    }

    static Workspace open(CommonOptions options, Console console) {
        ProjectLoader loader = options.profilesDir == null ? ProjectLoader.withDefaultProfilesDir()
                : new ProjectLoader(options.profilesDir.toAbsolutePath());
        Project project = loader.loadProject(options.projectDir.toAbsolutePath().normalize());
        Map<String, Object> vars = parseVars(options.vars);
        console.warnings(project.warnings(), project.root());
        console.warnings(Targets.literalSecrets(project), project.root());
        TargetSpec spec = Targets.spec(project, targetNames(options.target).get(0));
        WarehouseAdapterFactory factory = Targets.factory(spec.type());
        console.debug("project " + project.config().name() + " at " + project.root() + ", target " + spec.name()
                + " (" + spec.type() + ")");
        return new Workspace(project, console, vars, spec, factory);
    }

    /** {@code --target a,b} as a list; one null element (the profile's default) when none is given. */
    static List<String> targetNames(String option) {
        if (option == null || option.isBlank()) return java.util.Collections.singletonList(null);
        return java.util.Arrays.stream(option.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    static Map<String, Object> parseVars(String text) {
        if (text == null || text.isBlank()) return Map.of();
        Object parsed;
        try {
            parsed = new Load(LoadSettings.builder().build()).loadFromString(text);
        } catch (RuntimeException e) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.INVALID_VALUE, null,
                    "--vars is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""),
                    "pass a mapping, e.g. --vars '{as_of_date: 2024-06-30, window: 90}'"));
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.INVALID_VALUE, null,
                    "--vars must be a mapping", "pass a mapping, e.g. --vars '{as_of_date: 2024-06-30}'"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    Project project() {
        return project;
    }

    TargetSpec targetSpec() {
        return targetSpec;
    }

    Map<String, Object> cliVars() {
        return cliVars;
    }

    ArtifactWriter artifacts() {
        return new ArtifactWriter(project.targetDir());
    }

    /** Compiles without a warehouse unless one is already open (then undeclared sources are introspected). */
    CompiledProject compile() {
        return compile(project);
    }

    /**
     * Compiles this workspace's target for a command that then executes it, reusing unchanged nodes from the
     * compile cache (the same keys as {@code segflow compile}) and refreshing the cache; {@code cached} false
     * recompiles every node.
     */
    CompiledProject compileForRun(boolean cached) {
        return compile(java.util.Collections.singletonList(null), 0, cached, true).get(0);
    }

    /** Compiles {@code placed}: this workspace's project with some features moved (see {@code Deferral.place}). */
    CompiledProject compile(Project placed) {
        CompileOptions options = new CompileOptions(targetSpec.name(), targetSpec.type(), factory.dialect(), cliVars,
                System.getenv(), this::introspect).withQueryRunner(this::runQuery);
        return new ProjectCompiler(placed, options).compile();
    }

    /**
     * Compiles for each named target from one validation (the first target's options render templates); with
     * {@code cached}, unchanged nodes come from the compile cache under target/, which is then updated.
     */
    List<CompiledProject> compile(List<String> targetNames, int threads, boolean cached) {
        return compile(targetNames, threads, cached, false);
    }

    /** {@code connected}: templates' run_query() reaches the target (run/build), else it is an offline error. */
    private List<CompiledProject> compile(List<String> targetNames, int threads, boolean cached, boolean connected) {
        List<EmitTarget> targets = new java.util.ArrayList<>();
        for (String name : targetNames) {
            TargetSpec spec = name == null ? targetSpec : Targets.spec(project, name);
            targets.add(new EmitTarget(spec.name(), spec.type(), Targets.factory(spec.type()).dialect()));
        }
        CompileOptions options = new CompileOptions(targetSpec.name(), targetSpec.type(), factory.dialect(), cliVars,
                System.getenv(), this::introspect, threads);
        if (connected) options = options.withQueryRunner(this::runQuery);
        ProjectCompiler compiler = new ProjectCompiler(project, options, cached);
        List<CompiledProject> compiled = compiler.compile(targets);
        compiler.writeCache();
        return compiled;
    }

    private Optional<List<ColumnDef>> introspect(RelationName relation) {
        if (adapter == null) return CatalogSnapshot.columns(project.root(), targetSpec.name(), relation);
        return adapter.describe(relation).map(TableInfo::columns);
    }

    /** Templates' run_query() during run/build: connects on first use. */
    private QueryRunner.Result runQuery(String sql) {
        try (RowStream rows = adapter().query(sql)) {
            List<List<Object>> out = new java.util.ArrayList<>();
            while (rows.hasNext()) out.add(java.util.Arrays.asList(rows.next()));
            return new QueryRunner.Result(rows.columns().stream().map(c -> c.name()).toList(), out);
        }
    }

    WarehouseAdapter adapter() {
        return connect(false);
    }

    /** For commands that only read: the open adapter if there is one, else one opened read-only. */
    WarehouseAdapter readOnlyAdapter() {
        return connect(true);
    }

    private WarehouseAdapter connect(boolean readOnly) {
        if (adapter == null) {
            TargetConfig config = Targets.resolve(project, targetSpec, cliVars, System.getenv());
            adapter = readOnly ? factory.openReadOnly(config) : factory.open(config);
            console.debug("connected " + (readOnly ? "read-only " : "") + "to " + targetSpec.name() + " ("
                    + targetSpec.type() + ")");
        }
        return adapter;
    }

    /** Example projects declare {@code example_data:} on a dev target: generate the raw tables when missing. */
    void ensureExampleData() {
        if (!exampleDataMissing()) return;
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) targetSpec.settings().get("example_data");
        long customers = Long.parseLong(String.valueOf(m.getOrDefault("customers", ExampleDataGenerator.DEFAULT_CUSTOMERS)));
        long seed = Long.parseLong(String.valueOf(m.getOrDefault("seed", 42)));
        ExampleData.generate(adapter(), customers, seed, exampleSchema(m), console);
    }

    /** True when the target declares {@code example_data:} and its raw tables are not there yet. */
    boolean exampleDataMissing() {
        if (!(targetSpec.settings().get("example_data") instanceof Map<?, ?> m)) return false;
        return adapter().describe(RelationName.of(exampleSchema(m), "customers")).isEmpty();
    }

    private static String exampleSchema(Map<?, ?> spec) {
        return String.valueOf(spec.get("schema") == null ? "raw" : spec.get("schema"));
    }

    @Override
    public void close() {
        if (adapter != null) adapter.close();
    }
}
