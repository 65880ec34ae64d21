package io.segflow.core.render;

import io.segflow.core.project.Feature;
import io.segflow.core.project.FeatureConfig;
import io.segflow.core.project.MacroFile;
import io.segflow.core.project.Project;
import io.segflow.core.project.ProjectConfig;
import io.segflow.core.project.SourceTable;
import io.segflow.spi.RelationName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small in-memory project: features customers_base/orders_clean, source shop.orders, two macro files. */
final class TestProjects {
    static final String MONEY = """
            {% macro cents_to_dollars(col, scale=2) -%}
              round({{ col }} / 100.0, {{ scale }})
            {%- endmacro %}

            {% macro recency_bucket(days_col) %}
            case
              when {{ days_col }} <= 30 then 'active'
              else 'lapsed'
            end
            {% endmacro %}
            """;
    static final String BROKEN = """
            {% macro explode(x) %}
            select {{ x.no_such_field.deeper }}
            {% endmacro %}
            """;

    static Project project(List<MacroFile> macros) {
        FeatureConfig fc = new FeatureConfig("view", null, null, List.of(), "customer_id", List.of(), true);
        ProjectConfig pc = new ProjectConfig("shop", "1", "shop", List.of("features"), List.of("segments"),
                List.of("macros"), List.of("tests"), List.of("seeds"), "target", "analytics", "view",
                Map.of("lookback_days", 90, "country", "DE"), 50, null, null);
        List<Feature> features = List.of(
                new Feature("customers_base", Path.of("features/customers_base.sql"), "", fc, null, List.of(), List.of(), null),
                new Feature("orders_clean", Path.of("features/orders_clean.sql"), "", fc, null, List.of(), List.of(), null));
        List<SourceTable> sources = List.of(new SourceTable("shop", "orders", null, "raw", "orders", null,
                List.of(), List.of(), null));
        return new Project(Path.of("/tmp/shop"), pc, sources, features, List.of(), macros, List.of(), List.of(), Map.of(), "dev");
    }

    static Project project() {
        return project(List.of(new MacroFile(Path.of("macros/money.sql"), MONEY),
                new MacroFile(Path.of("macros/broken.sql"), BROKEN)));
    }

    static RelationResolver resolver(Project p) {
        return new RelationResolver() {
            @Override
            public Optional<RelationName> ref(String featureName) {
                return p.feature(featureName).map(f -> RelationName.of("analytics", f.name()));
            }

            @Override
            public Optional<RelationName> source(String source, String table) {
                return p.source(source, table).map(s -> RelationName.of(s.schema(), s.identifier()));
            }
        };
    }

    static TemplateRenderer renderer(Map<String, Object> cliVars, Map<String, String> env) {
        Project p = project();
        return new TemplateRenderer(p, "dev", "duckdb", cliVars, resolver(p), env);
    }

    static RenderRequest request(String template, boolean incremental) {
        return new RenderRequest(Path.of("features/f.sql"), template, RelationName.of("analytics", "f"), incremental);
    }
}
