package io.segflow.core.render;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** What one render collects: refs, sources, config and problems; plus the macro file being executed. */
final class RenderState {
    final Path file;
    final boolean incremental;
    /** Maps a Jinjava (line, column) to a position in the file being rendered. */
    final BiFunction<Integer, Integer, SourcePosition> mapper;
    /** Lines of the template, to find a call inside its tag; null when positions are not refined. */
    final String[] templateLines;
    final Set<String> refs = new LinkedHashSet<>();
    /** Where each referenced feature's first ref() call is (cycle errors point at the ref() closing the loop). */
    final Map<String, SourcePosition> refPositions = new LinkedHashMap<>();
    final Set<SourceRef> sources = new LinkedHashSet<>();
    final Map<String, Object> config = new LinkedHashMap<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
    /** What the render read besides the template, for compile-cache keys: var and env_var names, macro files. */
    final Set<String> varsUsed = new java.util.TreeSet<>();
    final Set<String> envUsed = new java.util.TreeSet<>();
    final Set<String> macrosUsed = new java.util.TreeSet<>();
    boolean targetUsed;
    /** Results of named {@code {% call statement(name) %}} blocks, for {@code load_result(name)}. */
    final Map<String, QueryRunner.Result> statements = new LinkedHashMap<>();
    /** Macro files whose macro bodies are executing (innermost last), from injected enter/exit calls. */
    final Deque<Path> macroFiles = new ArrayDeque<>();

    RenderState(Path file, boolean incremental, BiFunction<Integer, Integer, SourcePosition> mapper,
                String[] templateLines) {
        this.file = file;
        this.incremental = incremental;
        this.mapper = mapper;
        this.templateLines = templateLines;
    }

    RenderInputs inputs() {
        return new RenderInputs(varsUsed, envUsed, macrosUsed, targetUsed);
    }

    void error(ErrorCode code, SourcePosition where, String message, String hint) {
        diagnostics.add(Diagnostic.error(code, where, message, hint));
    }

    /**
     * Where the project last called into a bundled library ({@code dbt_utils.star(...)}): errors raised inside
     * bundled macros point there, at the line the user can change.
     */
    SourcePosition bundledCallSite;

    /** Records a call of a namespaced macro made from the project's own code. */
    void namespaceCall(int line, int markedColumn) {
        if (!insideBundled()) bundledCallSite = position(line, markedColumn);
    }

    private boolean insideBundled() {
        return !macroFiles.isEmpty() && macroFiles.peekLast().toString().startsWith(BundledMacros.KEY_PREFIX);
    }

    /** Where a Jinjava line/column points: the executing macro file, else the template. */
    SourcePosition position(int line, int markedColumn) {
        if (insideBundled() && bundledCallSite != null) return bundledCallSite;
        if (!macroFiles.isEmpty()) return new SourcePosition(macroFiles.peekLast(), line, Math.max(markedColumn, 1));
        if (line <= 0) return new SourcePosition(file, 0, 0);
        return mapper.apply(line, markedColumn);
    }
}
