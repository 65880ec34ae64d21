package io.segflow.ml.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryDirTest {
    @TempDir
    Path root;

    private Project project(String extra) throws IOException {
        Files.writeString(root.resolve("segflow_project.yml"), "name: reg\n" + extra);
        return new ProjectLoader(null).loadProject(root);
    }

    @Test
    void projectKeyMovesTheRegistryAndDefaultsToDotSegflow() throws IOException {
        Assumptions.assumeTrue(System.getenv("SEGFLOW_REGISTRY_PATH") == null, "SEGFLOW_REGISTRY_PATH is set");
        assertEquals(root.resolve(".segflow/registry"), ModelDefinition.registryDir(project("")));
        assertEquals(root.resolve("models/registry"), ModelDefinition.registryDir(project("registry_path: models/registry\n")));
        Path abs = root.resolve("elsewhere").toAbsolutePath();
        assertEquals(abs, ModelDefinition.registryDir(project("registry_path: " + abs + "\n")));
    }
}
