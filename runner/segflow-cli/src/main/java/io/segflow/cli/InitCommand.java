package io.segflow.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a new segflow project from the template (features, segments, macros, profiles for DuckDB).")
final class InitCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Directory to create (must not exist or be empty).")
    Path dir;

    @Override
    public Integer call() throws IOException, URISyntaxException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    System.err.println("error: " + dir + " exists and is not empty; choose a new directory");
                    return ProjectCommand.PROJECT_ERROR;
                }
            }
        }
        URL url = InitCommand.class.getResource("/project-template/segflow_project.yml");
        if (url == null) {
            System.err.println("error: this build has no project template (internal error)");
            return ProjectCommand.FAILURES;
        }
        URI uri = url.toURI();
        String name = dir.toAbsolutePath().normalize().getFileName().toString()
                .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) name = "p_" + name;
        int count;
        if ("jar".equals(uri.getScheme())) {
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            count = copy(fs.getPath("/project-template"), dir, name);
        } else {
            count = copy(Path.of(uri).getParent(), dir, name);
        }
        System.out.println("created project '" + name + "' in " + dir + " (" + count + " files)");
        System.out.println("next: cd " + dir + " && segflow build");
        return ProjectCommand.OK;
    }

    private static int copy(Path from, Path to, String projectName) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path dest = to.resolve(from.relativize(f).toString());
            Files.createDirectories(dest.getParent());
            String text = Files.readString(f).replace("{{project_name}}", projectName);
            Files.writeString(dest, text);
        }
        return files.size();
    }
}
