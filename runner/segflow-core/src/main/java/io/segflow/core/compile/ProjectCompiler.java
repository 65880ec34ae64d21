package io.segflow.core.compile;

import io.segflow.core.project.ContentHash;
import io.segflow.core.project.Project;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pure compile in two phases: {@link ProjectValidator} renders, parses and validates the project once
 * (dialect-neutral), {@link ProjectEmitter} emits SQL for each target from that. Several targets share one
 * validation unless a template reads {@code target} or a source's columns come from a target's warehouse.
 */
public final class ProjectCompiler {
    private final Project project;
    private final CompileOptions options;
    private final boolean cached;
    private Set<String> reused = Set.of();
    private Runnable pendingCacheWrite = () -> { };

    public ProjectCompiler(Project project, CompileOptions options) {
        this(project, options, false);
    }

    /**
     * With {@code cached}, unchanged nodes come from the compile cache under target/; {@link #writeCache} files the
     * results there (a separate step: compile itself writes nothing).
     */
    public ProjectCompiler(Project project, CompileOptions options, boolean cached) {
        this.project = project;
        this.options = options;
        this.cached = cached;
    }

    /** The project compiled for the target of the options. */
    public CompiledProject compile() {
        EmitTarget target = new EmitTarget(options.targetName(), options.targetType(), options.dialect());
        return compile(List.of(target)).get(0);
    }

    /** The project compiled for each target (the first one's options render the templates). */
    public List<CompiledProject> compile(List<EmitTarget> targets) {
        Set<String> keys = new LinkedHashSet<>();
        targets.forEach(t -> keys.add(t.dialectKey()));
        CompileCache cache = cached ? CompileCache.open(project.targetDir(), keys) : CompileCache.NONE;
        EmitTarget first = targets.get(0);
        ValidatedProject vp = new ProjectValidator(project, options.forTarget(first), cache).validate();
        reused = new java.util.TreeSet<>();
        vp.nodes().values().stream().filter(n -> !n.compiled().isEmpty()).forEach(n -> reused.add(n.id()));
        reused.addAll(vp.segmentSql().keySet());
        Map<EmitTarget, CompiledProject> out = new LinkedHashMap<>();
        boolean shared = sharedByTargets(vp);
        if (shared) {
            List<CompiledProject> all = ProjectEmitter.emitAll(vp, targets);
            for (int i = 0; i < targets.size(); i++) out.put(targets.get(i), all.get(i));
        } else {
            out.put(first, ProjectEmitter.emit(vp, first));
            for (EmitTarget t : targets.subList(1, targets.size())) {
                ValidatedProject own = new ProjectValidator(project, options.forTarget(t), CompileCache.NONE).validate();
                out.put(t, ProjectEmitter.emit(own, t));
            }
        }
        Map<EmitTarget, CompiledProject> toCache = shared ? out : Map.of(first, out.get(first));
        pendingCacheWrite = cached ? () -> cache.store(vp, toCache) : () -> { };
        return new ArrayList<>(out.values());
    }

    /** Files what the last {@link #compile} produced in the compile cache (nothing without {@code cached}). */
    public void writeCache() {
        pendingCacheWrite.run();
    }

    /** Ids of the features and segments the last {@link #compile} took from the compile cache (neither rendered nor validated). */
    public Set<String> reusedFromCache() {
        return Set.copyOf(reused);
    }

    /** Phase one only. */
    public ValidatedProject validate() {
        return new ProjectValidator(project, options, CompileCache.NONE).validate();
    }

    /** One validation serves every target unless renders read {@code target} or sources need introspection. */
    private static boolean sharedByTargets(ValidatedProject vp) {
        boolean targetRead = vp.nodes().values().stream().anyMatch(n -> n.inputs().target());
        return !targetRead && vp.project().sources().stream().allMatch(s -> !s.columns().isEmpty()
                && s.columns().stream().allMatch(c -> c.type() != null));
    }

    /** SHA-256 of {@code text} (UTF-8) in lower-case hex: checksums, definition hashes, cache keys. */
    public static String checksum(String text) {
        return ContentHash.sha256(text);
    }

    /** Looks up a feature's effective relation after compile (for callers holding only the project). */
    public static Optional<RelationName> relationOf(CompiledProject cp, String featureName) {
        return cp.nodeByName(featureName).map(CompiledNode::relation);
    }
}
