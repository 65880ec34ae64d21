package io.segflow.core.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A tiny project for compile-level tests: features a (reads var inner_var only inside macro threshold()) → b, and
 * c (reads var other) → d, over one declared source raw.orders.
 */
public final class FourFeatureProject {
    private FourFeatureProject() {
    }

    public static void write(Path dir, String name) throws IOException {
        Map<String, String> files = Map.of(
                "segflow_project.yml", "name: " + name + "\nschema: analytics\nvars: {inner_var: 10, other: 5}\n",
                "features/sources.yml", "sources:\n  - name: raw\n    tables:\n      - name: orders\n        columns: "
                        + "[{name: customer_id, type: BIGINT}, {name: amount, type: 'DECIMAL(12,2)'}]\n",
                "macros/threshold.sql", "{% macro threshold() %}{{ var('inner_var') }}{% endmacro %}\n",
                "features/a.sql", "select customer_id, sum(amount) > {{ threshold() }} as big\n"
                        + "from {{ source('raw', 'orders') }} group by customer_id\n",
                "features/b.sql", "select customer_id, big from {{ ref('a') }}\n",
                "features/c.sql", "select customer_id, amount * {{ var('other') }} as scaled from {{ source('raw', 'orders') }}\n",
                "features/d.sql", "select customer_id, scaled from {{ ref('c') }}\n");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
    }
}
