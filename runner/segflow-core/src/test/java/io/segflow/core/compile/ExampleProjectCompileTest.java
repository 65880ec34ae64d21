package io.segflow.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectLoader;
import io.segflow.core.sql.ColumnOrigin;
import io.segflow.spi.RelationName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.junit.jupiter.api.Test;

/** Compiles the repository's own example project (pure: no warehouse). */
class ExampleProjectCompileTest {
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("segflow_project.yml"))) p = p.getParent();
        return p;
    }

    static CompiledProject compileExample() {
        CompileOptions options = new CompileOptions("dev", "duckdb", DuckDBSqlDialect.DEFAULT, Map.of(), Map.of(), null);
        return new ProjectCompiler(exampleWithCoreSegmentTypes(), options).compile();
    }

    /** The example project without segments of types core does not ship (cluster, propensity, ltv: segflow-ml). */
    static Project exampleWithCoreSegmentTypes() {
        Project loaded = new ProjectLoader(null).loadProject(repoRoot());
        var available = io.segflow.core.segment.SegmentTypes.available().keySet();
        return new Project(loaded.root(), loaded.config(), loaded.sources(), loaded.features(), loaded.seeds(),
                loaded.macros(), loaded.singularTests(), loaded.segments().stream()
                .filter(s -> available.contains(s.type())).toList(), loaded.targets(), loaded.defaultTarget());
    }

    @Test
    void everyFeatureAndTestCompiles() {
        CompiledProject cp = compileExample();
        assertEquals(8, cp.nodes().size(), cp.nodes().keySet().toString());
        assertTrue(cp.tests().size() >= 15, cp.tests().keySet().toString());
        CompiledNode features = cp.nodeByName("customer_features").orElseThrow();
        assertEquals(RelationName.of("analytics", "customer_features"), features.relation());
        assertEquals("table", features.config().materialized());
        assertTrue(features.config().tags().contains("core"));
        assertTrue(features.dependsOn().contains("feature.customer_orders"));
        assertFalse(features.compiledSql().contains("{{"));
        CompiledNode daily = cp.nodeByName("daily_revenue").orElseThrow();
        assertTrue(daily.isIncremental());
        assertTrue(daily.compiledIncrementalSql().contains("\"analytics\".\"daily_revenue\""), daily.compiledIncrementalSql());
        assertFalse(daily.compiledSql().contains("daily_revenue"), daily.compiledSql());
    }

    @Test
    void lineageFollowsFeaturesDownToSourceColumns() {
        CompiledProject cp = compileExample();
        Set<ColumnOrigin> origins = cp.sourceLineage("feature.customer_features", "total_revenue");
        List<String> names = origins.stream().map(o -> o.relation() + "." + o.column()).sorted().toList();
        assertTrue(names.contains("raw.orders.gross_amount"), names.toString());
        assertTrue(names.contains("raw.orders.discount_amount"), names.toString());
        assertTrue(names.stream().allMatch(n -> n.startsWith("raw.")), names.toString());
        Set<ColumnOrigin> email = cp.sourceLineage("feature.customer_features", "email");
        assertEquals(Set.of(new ColumnOrigin(RelationName.of("raw", "customers"), "email")), email);
    }
}
