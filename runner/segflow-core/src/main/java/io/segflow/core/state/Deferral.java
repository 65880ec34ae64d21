package io.segflow.core.state;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.graph.GraphNode;
import io.segflow.core.graph.NodeKind;
import io.segflow.core.project.Feature;
import io.segflow.core.project.FeatureConfig;
import io.segflow.core.project.Project;
import io.segflow.core.project.Seed;
import io.segflow.spi.RelationName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code --defer}: features a selected node reads but that are not selected are read from where the state
 * manifest says they live (production), so only what changed is built. Done by placing those features at their
 * state relation before compiling, so every {@code ref()} to them compiles to that relation.
 */
public final class Deferral {
    private Deferral() {
    }

    /** Feature or seed name → state relation, for each unselected one that a selected node depends on. */
    public static Map<String, RelationName> parents(CompiledProject cp, List<String> selected, StateManifest state) {
        Set<String> chosen = new HashSet<>(selected);
        Map<String, RelationName> out = new TreeMap<>();
        for (String id : selected) {
            for (String parent : cp.dag().parents(id)) {
                if (chosen.contains(parent)) continue;
                GraphNode p = cp.dag().node(parent).orElseThrow();
                if (p.kind() != NodeKind.FEATURE && p.kind() != NodeKind.SEED) continue;
                state.node(parent).map(NodeState::relation).map(Deferral::parse).ifPresent(r -> out.put(p.name(), r));
            }
        }
        return out;
    }

    /**
     * The project with each named feature placed at the given relation (its YAML schema and alias; a
     * {@code config(schema=...)} call inside the template still wins over it) and each named seed in the given schema.
     */
    public static Project place(Project project, Map<String, RelationName> placement) {
        if (placement.isEmpty()) return project;
        List<Feature> features = new ArrayList<>();
        for (Feature f : project.features()) {
            RelationName r = placement.get(f.name());
            if (r == null) {
                features.add(f);
                continue;
            }
            FeatureConfig c = f.config();
            FeatureConfig placed = new FeatureConfig(c.materialized(), r.schema(), r.name(), c.uniqueKey(), c.entityKey(),
                    c.tags(), c.enabled());
            features.add(new Feature(f.name(), f.path(), f.sql(), placed, f.description(), f.columns(), f.tests(),
                    f.propertiesPosition()));
        }
        List<Seed> seeds = new ArrayList<>();
        for (Seed s : project.seeds()) {
            RelationName r = placement.get(s.name());
            seeds.add(r == null || !r.name().equals(s.name()) ? s : new Seed(s.name(), s.path(), r.schema(), s.csv(),
                    s.columnTypes(), s.formats(), s.description(), s.columns(), s.tests(), s.position()));
        }
        return new Project(project.root(), project.config(), project.sources(), features, seeds,
                project.macros(), project.singularTests(), project.segments(), project.targets(), project.defaultTarget(),
                project.experiments(), project.warnings());
    }

    static RelationName parse(String relation) {
        String[] parts = relation.split("\\.");
        return parts.length == 3 ? new RelationName(parts[0], parts[1], parts[2])
                : new RelationName(null, parts[0], parts[parts.length - 1]);
    }
}
