package io.segflow.core.project;

import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** State shared by the readers while one project loads: its root and the diagnostics collected so far. */
record LoadContext(Path root, Diagnostics diags) {

    /** The path shown to users: relative to the root when inside it, else absolute. */
    Path shown(Path absolute) {
        Path abs = absolute.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs) : abs;
    }

    Optional<YamlFile> parse(Path absolute) {
        return YamlFile.parse(absolute, shown(absolute), diags);
    }

    /** Parses and schema-validates; the file is returned even when it has schema errors so more can be found. */
    Optional<YamlFile> parseAndValidate(Path absolute, SchemaValidator schema) {
        Optional<YamlFile> file = parse(absolute);
        file.ifPresent(f -> schema.validate(f, diags));
        return file;
    }

    Optional<String> readText(Path relative) {
        try {
            return Optional.of(Files.readString(root.resolve(relative), StandardCharsets.UTF_8));
        } catch (IOException e) {
            diags.error(ErrorCode.MISSING_FILE, SourcePosition.of(relative), "cannot read file: " + e.getMessage(), null);
            return Optional.empty();
        }
    }

    /**
     * Files under the given folders (relative to the root) whose names end with one of {@code extensions},
     * at any depth, as root-relative paths in a stable order. Hidden files and folders are skipped.
     */
    List<Path> files(List<String> folders, String... extensions) {
        return folders.stream().map(root::resolve).filter(Files::isDirectory).flatMap(dir -> {
            try (Stream<Path> walk = Files.walk(dir)) {
                return walk.filter(Files::isRegularFile)
                        .filter(p -> hasExtension(p, extensions))
                        .map(this::shown)
                        .filter(p -> !isHidden(p))
                        .toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).distinct().sorted().toList();
    }

    private static boolean hasExtension(Path p, String... extensions) {
        String name = p.getFileName().toString();
        for (String ext : extensions) if (name.endsWith(ext)) return true;
        return false;
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) if (part.toString().startsWith(".")) return true;
        return false;
    }

    static String baseName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
