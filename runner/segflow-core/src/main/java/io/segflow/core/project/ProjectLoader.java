package io.segflow.core.project;

import io.segflow.core.dbt.DbtArtifacts;
import io.segflow.core.dbt.DbtProjectFile;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Loads a project directory into an immutable {@link Project}. Every file is read even when others are
 * broken, and all problems are reported together in one {@link DiagnosticException}.
 */
public final class ProjectLoader {
    public static final String PROJECT_FILE = "segflow_project.yml";
    /** Overrides the folder searched for a user-level profiles.yml (default ~/.segflow). */
    public static final String PROFILES_DIR_ENV = "SEGFLOW_PROFILES_DIR";

    private static final SchemaValidator PROJECT_SCHEMA = SchemaValidator.load("segflow_project.schema.json");
    private static final Pattern GENERIC_TEST = Pattern.compile("\\{%-?\\s*test\\s+[A-Za-z_]");
    private static final Pattern FEATURE_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private final Path userProfilesDir;

    /** @param userProfilesDir folder holding the fallback profiles.yml, or null to use only the project's */
    public ProjectLoader(Path userProfilesDir) {
        this.userProfilesDir = userProfilesDir;
    }

    /** A loader using $SEGFLOW_PROFILES_DIR, else ~/.segflow, for profiles.yml outside the project. */
    public static ProjectLoader withDefaultProfilesDir() {
        String env = System.getenv(PROFILES_DIR_ENV);
        if (env != null && !env.isBlank()) return new ProjectLoader(Path.of(env));
        return new ProjectLoader(Path.of(System.getProperty("user.home"), ".segflow"));
    }

    /** Loads the project at {@code root} with the default profiles lookup. */
    public static Project load(Path root) {
        return withDefaultProfilesDir().loadProject(root);
    }

    /** Loads the project at {@code root}; throws {@link DiagnosticException} listing every problem found. */
    public Project loadProject(Path root) {
        Path absRoot = root.toAbsolutePath().normalize();
        boolean dbtProject = DbtProjectFile.isDbtProject(absRoot, PROJECT_FILE);
        if (!Files.isRegularFile(absRoot.resolve(PROJECT_FILE)) && !dbtProject) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.MISSING_FILE,
                    SourcePosition.of(Path.of(PROJECT_FILE)), PROJECT_FILE + " not found in the project directory",
                    "run `segflow init` or pass --project-dir"));
        }
        LoadContext ctx = new LoadContext(absRoot, new Diagnostics());
        List<SourceTable> dbtRelations = new ArrayList<>();
        Optional<DbtProjectFile> dbt = dbtProject ? DbtProjectFile.read(absRoot, ctx.diags()) : Optional.empty();
        ProjectConfig config = dbt.isPresent() ? dbt.get().config() : readConfig(ctx, dbtRelations);
        ProfilesReader.Result profiles = ProfilesReader.read(ctx, config, userProfilesDir);
        if (dbt.isPresent()) config = DbtProjectLoading.withTargetSchema(dbt.get(), profiles.targets(), profiles.defaultTarget());

        PropertiesReader properties = new PropertiesReader(ctx);
        java.util.Set<Path> propertyFiles = new java.util.LinkedHashSet<>(ctx.files(config.featurePaths(), ".yml", ".yaml"));
        propertyFiles.addAll(ctx.files(config.seedPaths(), ".yml", ".yaml"));
        propertyFiles.forEach(properties::read);
        DbtArtifacts.addTo(properties.sources, dbtRelations, ctx.diags());
        List<Feature> features = readFeatures(ctx, config, properties);
        if (dbt.isPresent()) {
            features = DbtProjectLoading.withFolderConfigs(dbt.get(), features, properties.features, config.schema());
            features.addAll(DbtProjectLoading.snapshots(ctx, dbt.get(), config, features));
        }
        List<Seed> seeds = SeedsReader.read(ctx, config, properties, features);

        SegmentsReader segments = new SegmentsReader(ctx);
        ctx.files(config.segmentPaths(), ".yml", ".yaml").forEach(segments::read);
        ctx.files(List.of(SegmentsReader.AUDIENCES_DIR), ".yml", ".yaml").forEach(segments::readAudiences);
        checkSegmentNames(ctx, segments.segments, features);
        ExperimentsReader experiments = new ExperimentsReader(ctx);
        ctx.files(List.of(ExperimentsReader.FOLDER), ".yml", ".yaml").forEach(experiments::read);

        List<MacroFile> macros = new ArrayList<>();
        for (Path p : ctx.files(config.macroPaths(), ".sql")) {
            ctx.readText(p).ifPresent(text -> macros.add(new MacroFile(p, text)));
        }
        macros.addAll(PackagesReader.read(ctx));
        List<SingularTest> tests = readSingularTests(ctx, config, macros);

        ctx.diags().throwIfErrors();
        return DocsBlocks.resolve(ctx, config, new Project(absRoot, config, properties.sources, features, seeds, macros,
                tests, segments.segments, profiles.targets(), profiles.defaultTarget(), experiments.experiments,
                List.of()));
    }

    /** {@code dbtRelations} receives the relations of the dbt project the {@code dbt:} block names. */
    private ProjectConfig readConfig(LoadContext ctx, List<SourceTable> dbtRelations) {
        Path file = ctx.root().resolve(PROJECT_FILE);
        Optional<YamlFile> parsed = ctx.parseAndValidate(file, PROJECT_SCHEMA);
        Node n = parsed.map(YamlFile::root).orElse(null);
        String fallbackName = ctx.root().getFileName() == null ? "project" : ctx.root().getFileName().toString();
        String name = YamlFile.string(n, "name", fallbackName);
        Object vars = YamlFile.get(n, "vars").map(YamlFile::toJava).orElse(null);
        Object minSize = YamlFile.get(n, "min_segment_size").map(YamlFile::toJava).orElse(null);
        Map<String, Object> varMap = new LinkedHashMap<>();
        if (vars instanceof Map<?, ?> m) m.forEach((k, v) -> varMap.put(String.valueOf(k), v));
        ProjectConfig config = new ProjectConfig(
                name,
                YamlFile.string(n, "version", null),
                YamlFile.string(n, "profile", name),
                paths(n, "feature_paths", "features"),
                paths(n, "segment_paths", "segments"),
                paths(n, "macro_paths", "macros"),
                paths(n, "test_paths", "tests"),
                paths(n, "seed_paths", "seeds"),
                YamlFile.string(n, "target_path", "target"),
                YamlFile.string(n, "schema", "analytics"),
                YamlFile.string(n, "materialized", "view"),
                varMap,
                minSize instanceof Long l ? (int) Math.min(l, Integer.MAX_VALUE) : 0,
                YamlFile.string(n, "registry_path", null),
                parsed.map(f -> f.pos(f.root())).orElse(SourcePosition.of(Path.of(PROJECT_FILE))));
        parsed.ifPresent(f -> checkPathsExist(ctx, f));
        parsed.ifPresent(f -> YamlFile.get(f.root(), "dbt")
                .ifPresent(block -> dbtRelations.addAll(DbtArtifacts.read(ctx.root(), f, block, ctx.diags()))));
        return config;
    }

    private static List<String> paths(Node n, String key, String dflt) {
        // a malformed value was reported by the schema; keep the default so the rest still loads
        return YamlFile.get(n, key).filter(v -> v instanceof SequenceNode).isPresent()
                ? YamlFile.stringList(n, key) : List.of(dflt);
    }

    /** Folders named explicitly in the project file must exist; the default ones are optional. */
    private static void checkPathsExist(LoadContext ctx, YamlFile file) {
        for (String key : List.of("feature_paths", "segment_paths", "macro_paths", "test_paths", "seed_paths")) {
            Node list = YamlFile.get(file.root(), key).orElse(null);
            if (!(list instanceof SequenceNode seq)) continue;
            for (Node item : seq.getValue()) {
                String dir = YamlFile.scalarText(item);
                if (dir != null && !Files.isDirectory(ctx.root().resolve(dir))) {
                    ctx.diags().error(ErrorCode.MISSING_FILE, file.pos(item),
                            "folder '" + dir + "' listed in " + key + " does not exist", "create it or remove it from the list");
                }
            }
        }
    }

    private static List<Feature> readFeatures(LoadContext ctx, ProjectConfig config, PropertiesReader properties) {
        Map<String, Path> seen = new LinkedHashMap<>();
        List<Feature> features = new ArrayList<>();
        for (Path sqlFile : ctx.files(config.featurePaths(), ".sql")) {
            String name = LoadContext.baseName(sqlFile);
            SourcePosition pos = SourcePosition.of(sqlFile);
            if (!FEATURE_NAME.matcher(name).matches()) {
                ctx.diags().error(ErrorCode.INVALID_VALUE, pos, "feature file name '" + name + "' is not a valid name",
                        "use letters, digits and '_', starting with a letter or '_'");
                continue;
            }
            Path first = seen.putIfAbsent(name, sqlFile);
            if (first != null) {
                ctx.diags().error(ErrorCode.DUPLICATE_NAME, pos, "feature '" + name + "' is defined twice: "
                        + slash(first) + " and " + slash(sqlFile), "rename one of the files; feature names are global");
                continue;
            }
            Optional<String> sql = ctx.readText(sqlFile);
            if (sql.isEmpty()) continue;
            PropertiesReader.FeatureProperties props = properties.features.get(name);
            Node node = props == null ? null : props.node();
            features.add(new Feature(name, sqlFile, sql.get(), PropertiesReader.config(config, node),
                    YamlFile.string(node, "description", null),
                    props == null ? List.of() : properties.columns(props.file(), node),
                    props == null ? List.of() : TestSpecReader.read(props.file(), node, "tests", false, ctx.diags()),
                    props == null ? null : props.file().pos(node), PropertiesReader.contractEnforced(node)));
        }
        for (PropertiesReader.FeatureProperties props : properties.features.values()) {
            if (seen.containsKey(props.name())) continue;
            String hint = Suggestions.didYouMean(props.name(), seen.keySet());
            ctx.diags().error(ErrorCode.MISSING_FILE, props.namePosition(),
                    "feature '" + props.name() + "' has properties but no SQL file " + props.name() + ".sql",
                    hint != null ? hint : "create " + slash(Path.of(config.featurePaths().get(0), props.name() + ".sql"))
                            + " or remove this entry");
        }
        return features;
    }

    private static void checkSegmentNames(LoadContext ctx, List<SegmentSpec> segments, List<Feature> features) {
        for (SegmentSpec s : segments) {
            features.stream().filter(f -> f.name().equals(s.name())).findFirst().ifPresent(f ->
                    ctx.diags().error(ErrorCode.DUPLICATE_NAME, s.positionOf("name"), "segment '" + s.name()
                            + "' has the same name as feature " + slash(f.path()),
                            "rename the segment; segments and features share one namespace"));
        }
    }

    /** SQL files under the test paths; those defining {@code {% test %}} generic tests go to {@code macros}. */
    private static List<SingularTest> readSingularTests(LoadContext ctx, ProjectConfig config, List<MacroFile> macros) {
        Map<String, Path> seen = new LinkedHashMap<>();
        List<SingularTest> tests = new ArrayList<>();
        for (Path p : ctx.files(config.testPaths(), ".sql")) {
            String name = LoadContext.baseName(p);
            Path first = seen.putIfAbsent(name, p);
            if (first != null) {
                ctx.diags().error(ErrorCode.DUPLICATE_NAME, SourcePosition.of(p), "test '" + name + "' is defined twice: "
                        + slash(first) + " and " + slash(p), "rename one of the files");
                continue;
            }
            ctx.readText(p).ifPresent(sql -> {
                if (GENERIC_TEST.matcher(sql).find()) macros.add(new MacroFile(p, sql));
                else tests.add(new SingularTest(name, p, sql));
            });
        }
        return tests;
    }

    private static String slash(Path p) {
        return p.toString().replace('\\', '/');
    }
}
