package io.segflow.core.render;

import io.segflow.core.project.MacroFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The macro libraries shipped in segflow-core's resources under {@code segflow/macros/<namespace>/}: {@code dbt}
 * (cross-database macros, statement, the portable default variants) and {@code dbt_utils} (segflow's own
 * implementation of the most used dbt_utils macros and generic tests). {@code index.txt} lists the files.
 */
final class BundledMacros {
    static final String ROOT = "segflow/macros/";
    /** Path prefix of bundled files in positions and import keys (no project file can live there). */
    static final String KEY_PREFIX = "segflow-bundled/";
    /** Bundled macros also callable by their bare name, as in dbt ({@code {% call statement(...) %}}). */
    static final java.util.Set<String> GLOBAL = java.util.Set.of("statement");
    private static final List<MacroFile> FILES = load();

    private BundledMacros() {
    }

    static List<MacroFile> files() {
        return FILES;
    }

    private static List<MacroFile> load() {
        List<MacroFile> out = new ArrayList<>();
        for (String line : read(ROOT + "index.txt").split("\n")) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) continue;
            String namespace = entry.substring(0, entry.indexOf('/'));
            out.add(new MacroFile(Path.of(KEY_PREFIX + entry), read(ROOT + entry), namespace));
        }
        return List.copyOf(out);
    }

    private static String read(String resource) {
        try (InputStream in = BundledMacros.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing bundled resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
