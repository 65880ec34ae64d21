package io.segflow.core.compile;

import io.segflow.core.dbt.DbtArtifacts;
import io.segflow.core.project.Feature;
import io.segflow.core.project.FeatureConfig;
import io.segflow.core.project.Project;
import io.segflow.core.project.Seed;
import io.segflow.core.project.SourceTable;
import io.segflow.core.render.RelationResolver;
import io.segflow.spi.RelationName;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Where each enabled feature and declared source lives in the warehouse; answers ref() and source(). */
public final class FeatureRelations implements RelationResolver {
    private final Project project;
    private final Map<String, FeatureConfig> configs;
    private final Map<String, Feature> features = new HashMap<>();
    private final Map<String, Seed> seeds = new HashMap<>();

    FeatureRelations(Project project, Map<String, FeatureConfig> configs) {
        this.project = project;
        this.configs = configs;
        // ref() is answered for every call of every template: by name, not by a scan of the project
        for (Feature f : project.features()) features.putIfAbsent(f.name(), f);
        for (Seed s : project.seeds()) seeds.putIfAbsent(s.name(), s);
    }

    static RelationName relationOf(Feature f, FeatureConfig config) {
        String name = config.alias() == null || config.alias().isBlank() ? f.name() : config.alias();
        return new RelationName(null, config.schema(), name);
    }

    static RelationName relationOf(SourceTable s) {
        return new RelationName(s.database(), s.schema(), s.identifier() == null ? s.table() : s.identifier());
    }

    static RelationName relationOf(Seed s) {
        return new RelationName(null, s.schema(), s.name());
    }

    /** The DAG id of what {@code ref(name)} points at: a seed, a feature, else a relation of the dbt manifest. */
    public String nodeIdOfRef(String name) {
        if (seeds.containsKey(name)) return "seed." + name;
        if (!features.containsKey(name)) {
            Optional<SourceTable> dbt = project.source(DbtArtifacts.SOURCE_NAME, name);
            if (dbt.isPresent()) return dbt.get().uniqueId();
        }
        return "feature." + name;
    }

    @Override
    public Optional<RelationName> ref(String featureName) {
        Seed seed = seeds.get(featureName);
        if (seed != null) return Optional.of(relationOf(seed));
        Feature feature = features.get(featureName);
        if (feature == null) {
            return project.source(DbtArtifacts.SOURCE_NAME, featureName).map(FeatureRelations::relationOf);
        }
        return Optional.of(feature)
                .filter(f -> configs.containsKey(f.name()) && configs.get(f.name()).enabled())
                .map(f -> relationOf(f, configs.get(f.name())));
    }

    @Override
    public Optional<RelationName> source(String source, String table) {
        return project.source(source, table).map(FeatureRelations::relationOf);
    }
}
