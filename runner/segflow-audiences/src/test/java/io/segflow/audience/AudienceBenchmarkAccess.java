package io.segflow.audience;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.execute.NodeResult;
import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Path;
import java.util.List;

/** The test project, opened for the benchmark in {@code io.segflow.audience.bench}. */
public final class AudienceBenchmarkAccess implements AutoCloseable {
    private final AudienceProject project;

    private AudienceBenchmarkAccess(AudienceProject project) {
        this.project = project;
    }

    public static AudienceBenchmarkAccess open(Path dir) {
        return new AudienceBenchmarkAccess(new AudienceProject(dir, AudienceProject.AUDIENCES));
    }

    public void generate(long customers) {
        project.generate(customers);
    }

    public List<NodeResult> build(String runId) {
        return project.build(runId, false, false);
    }

    public CompiledProject compile() {
        return project.compile();
    }

    public WarehouseAdapter warehouse() {
        return project.warehouse;
    }

    public long count(String sql) {
        return ((Number) project.rows(sql).get(0)[0]).longValue();
    }

    @Override
    public void close() {
        project.close();
    }
}
