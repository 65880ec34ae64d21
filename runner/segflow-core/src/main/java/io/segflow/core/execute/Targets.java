package io.segflow.core.execute;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.Project;
import io.segflow.core.project.TargetSpec;
import io.segflow.core.render.RelationResolver;
import io.segflow.core.render.TemplateRenderer;
import io.segflow.spi.RelationName;
import io.segflow.spi.TargetConfig;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseAdapterFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Picks the target from profiles, renders its {@code env_var()} values and finds the adapter for its type. */
public final class Targets {
    private static final RelationResolver NO_RELATIONS = new RelationResolver() {
        @Override
        public Optional<RelationName> ref(String featureName) {
            return Optional.empty();
        }

        @Override
        public Optional<RelationName> source(String source, String table) {
            return Optional.empty();
        }
    };

    private Targets() {
    }

    public static TargetSpec spec(Project project, String targetName) {
        String name = targetName == null || targetName.isBlank() ? project.defaultTarget() : targetName;
        TargetSpec spec = project.targets().get(name);
        if (spec == null) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.TARGET, null,
                    "unknown target '" + name + "'",
                    "targets in profiles.yml: " + new TreeSet<>(project.targets().keySet())));
        }
        return spec;
    }

    /** Renders the target's settings ({@code env_var()} etc.) into a TargetConfig. */
    public static TargetConfig resolve(Project project, TargetSpec spec, Map<String, Object> cliVars,
                                       Map<String, String> env) {
        TemplateRenderer renderer = new TemplateRenderer(project, spec.name(), spec.type(), cliVars, NO_RELATIONS,
                env);
        Map<String, Object> settings = new LinkedHashMap<>();
        spec.settings().forEach((k, v) -> settings.put(k, renderValue(renderer, spec, v)));
        settings.remove("type");
        return new TargetConfig(spec.name(), spec.type(), settings, project.root());
    }

    private static Object renderValue(TemplateRenderer renderer, TargetSpec spec, Object v) {
        if (v instanceof String s && s.contains("{")) return renderer.renderString(s, spec.position());
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), renderValue(renderer, spec, val)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(renderValue(renderer, spec, x)));
            return out;
        }
        return v;
    }

    /**
     * A throw-away in-process warehouse (segment fixtures run there, never on the target): the first installed
     * warehouse module that can run in process.
     */
    public static WarehouseAdapter openInProcess(String purpose, java.nio.file.Path projectRoot) {
        List<String> available = new ArrayList<>();
        for (WarehouseAdapterFactory f : ServiceLoader.load(WarehouseAdapterFactory.class)) {
            Optional<Map<String, Object>> settings = f.inProcessSettings();
            if (settings.isPresent()) return f.open(new TargetConfig(purpose, f.type(), settings.get(), projectRoot));
            available.add(f.type());
        }
        throw new DiagnosticException(Diagnostic.error(ErrorCode.TARGET, null,
                "no warehouse adapter in this build can run in process for " + purpose,
                "available adapter types: " + new TreeSet<>(available)));
    }

    /**
     * One warning per secret-looking setting ({@code password}, {@code token}, ...) written literally in
     * profiles.yml instead of through {@code env_var()}, in any target of the project: the file gets committed
     * and copied, the secret with it. Paths to key files are not secrets.
     */
    public static List<Diagnostic> literalSecrets(Project project) {
        List<Diagnostic> out = new ArrayList<>();
        for (TargetSpec spec : project.targets().values()) {
            spec.settings().forEach((key, value) -> {
                boolean keyFile = key.endsWith("_path") || key.endsWith("_file");
                boolean literal = value != null && !(value instanceof String str && (str.isBlank() || str.contains("{{")));
                if (TargetConfig.isSecretKey(key) && !keyFile && literal) {
                    out.add(Diagnostic.warning(ErrorCode.TARGET, spec.position(), "target '" + spec.name()
                            + "' has a literal value for '" + key + "' in profiles.yml",
                            "write " + key + ": \"{{ env_var('" + envName(spec, key) + "') }}\" and set "
                                    + envName(spec, key) + " in the environment, so the secret stays out of the file"));
                }
            });
        }
        return out;
    }

    private static String envName(TargetSpec spec, String key) {
        return (spec.type() + "_" + key).toUpperCase(java.util.Locale.ROOT);
    }

    public static WarehouseAdapterFactory factory(String type) {
        List<String> available = new ArrayList<>();
        for (WarehouseAdapterFactory f : ServiceLoader.load(WarehouseAdapterFactory.class)) {
            if (f.type().equalsIgnoreCase(type)) return f;
            available.add(f.type());
        }
        throw new DiagnosticException(Diagnostic.error(ErrorCode.TARGET, null,
                "no warehouse adapter for type '" + type + "' in this build",
                "available adapter types: " + new TreeSet<>(available)));
    }
}
